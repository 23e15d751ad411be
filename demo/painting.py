"""Painting the demo pictures with Pillow.

Every picture is drawn from a fixed seed (:mod:`demo.content.scenes`), so repeated runs give the
same bytes.
"""

import io
import math
import random

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter

LANDSCAPE_SIZE = (1200, 675)
PORTRAIT_SIZE = (600, 600)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, amount):
    a, b = _rgb(a) if isinstance(a, str) else a, _rgb(b) if isinstance(b, str) else b
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


def _gradient(size, top, bottom):
    width, height = size
    mask = PillowImage.linear_gradient("L").resize((width, height))
    return PillowImage.composite(
        PillowImage.new("RGB", size, _rgb(bottom)), PillowImage.new("RGB", size, _rgb(top)), mask
    )


class Ridge:
    """The top edge of a hill layer: a sum of slow waves around a baseline."""

    def __init__(self, rng, base, amplitude):
        self.base = base
        self.waves = [
            (amplitude * rng.uniform(0.4, 1.0), rng.uniform(0.002, 0.006), rng.uniform(0, 6.3)),
            (amplitude * rng.uniform(0.1, 0.35), rng.uniform(0.008, 0.02), rng.uniform(0, 6.3)),
        ]

    def y(self, x):
        return self.base + sum(a * math.sin(f * x + p) for a, f, p in self.waves)

    def polygon(self, width, height):
        return [(x, self.y(x)) for x in range(0, width + 20, 20)] + [(width, height), (0, height)]


def paint_landscape(scene):
    """The scene as a Pillow image of LANDSCAPE_SIZE."""
    rng = random.Random(scene.seed)  # noqa: S311 - a fixed seed for repeatable pictures
    width, height = LANDSCAPE_SIZE
    image = _gradient(LANDSCAPE_SIZE, *scene.sky)
    draw = ImageDraw.Draw(image, "RGBA")
    horizon = height * rng.uniform(0.5, 0.58)
    features = set(scene.features)

    if "stars" in features:
        for _ in range(160):
            x, y, r = rng.uniform(0, width), rng.uniform(0, horizon), rng.choice([1, 1, 1.5, 2])
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 240, rng.randint(120, 255)))
    if "sun" in features or "moon" in features:
        cx, cy = rng.uniform(width * 0.62, width * 0.85), horizon * rng.uniform(0.35, 0.6)
        radius = 46 if "moon" in features else 64
        for ring in range(5, 0, -1):
            r = radius + ring * 16
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*_rgb(scene.light), 18))
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=scene.light)
    if "clouds" in features:
        _clouds(draw, rng, width, horizon)

    ridges = []
    layers = len(scene.hills)
    for number, colour in enumerate(scene.hills):
        base = horizon + number * (height - horizon) * 0.18
        ridge = Ridge(rng, base, amplitude=rng.uniform(18, 42) / (number + 1))
        ridges.append(ridge)
        draw.polygon(ridge.polygon(width, height), fill=colour)

    back = ridges[0]
    front = ridges[-1]
    if scene.water:
        _water(draw, rng, scene.water, width, height, front.y(width / 2) + 40)
    if scene.field:
        _field(image, rng, scene.field, width, height, front, horizon)

    stand = ridges[min(1, layers - 1)] if layers > 1 else back
    _features(draw, rng, scene, features, stand, width, height)
    return image


def _clouds(draw, rng, width, horizon):
    for _ in range(rng.randint(3, 5)):
        cx, cy = rng.uniform(0, width), rng.uniform(horizon * 0.12, horizon * 0.55)
        for _ in range(6):
            dx, dy = rng.uniform(-70, 70), rng.uniform(-14, 14)
            rx, ry = rng.uniform(40, 80), rng.uniform(16, 28)
            draw.ellipse(
                (cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry), fill=(255, 255, 255, 150)
            )


def _water(draw, rng, colour, width, height, top):
    draw.rectangle((0, top, width, height), fill=colour)
    light = (*_mix(colour, "#ffffff", 0.45), 160)
    for _ in range(70):
        x, y = rng.uniform(0, width), rng.uniform(top + 6, height)
        length = rng.uniform(20, 90) * (y - top) / (height - top + 1) + 8
        draw.line((x, y, x + length, y), fill=light, width=2)


def _field(image, rng, colours, width, height, ridge, horizon):
    """Furrows converging to a point on the horizon, clipped to a field below ``ridge``."""
    layer = PillowImage.new("RGB", (width, height), _rgb(colours[0]))
    draw = ImageDraw.Draw(layer)
    vanishing = rng.uniform(width * 0.3, width * 0.7)
    stripes = 28
    for number in range(-stripes, stripes * 2):
        if number % 2:
            continue
        x0 = vanishing + (number - stripes / 2) * width / stripes * 3.2
        x1 = x0 + width / stripes * 3.2
        draw.polygon([(vanishing, horizon - 40), (x0, height), (x1, height)], fill=_rgb(colours[1]))
    mask = PillowImage.new("L", (width, height), 0)
    field_top = Ridge(rng, ridge.base + (height - ridge.base) * 0.25, 14)
    ImageDraw.Draw(mask).polygon(field_top.polygon(width, height), fill=255)
    image.paste(layer, (0, 0), mask)


def _features(draw, rng, scene, features, ridge, width, height):
    dark = _mix(scene.hills[-1], "#000000", 0.55)
    if "trees" in features:
        for _ in range(rng.randint(5, 9)):
            x = rng.uniform(0, width)
            _round_tree(
                draw,
                x,
                ridge.y(x) + 4,
                rng.uniform(0.7, 1.3),
                _mix(scene.hills[-1], "#000000", 0.3),
            )
    if "forest" in features:
        for x in range(-10, width + 20, 16):
            s = rng.uniform(0.8, 1.4)
            _conifer(draw, x, ridge.y(x) + 6, s, _mix(scene.hills[-1], "#000000", 0.35))
    if "bare_trees" in features:
        for number in range(7):
            x = 120 + number * 150 + rng.uniform(-20, 20)
            _bare_tree(draw, rng, x, ridge.y(x) + 2, rng.uniform(0.8, 1.1), "#5b5566")
    if "avenue" in features:
        for number in range(9):
            x = 60 + number * 135
            colour = rng.choice(["#d9782d", "#c9531f", "#e9a23b"])
            _round_tree(draw, x, ridge.y(x) + 4, 1.1, colour, trunk="#5a3d22")
    if "windmill" in features:
        x = width * rng.uniform(0.62, 0.8)
        _windmill(draw, x, ridge.y(x) + 6, 1.2, dark, rng.uniform(0, 90))
    if "barn" in features:
        x = width * rng.uniform(0.25, 0.45)
        _barn(draw, x, ridge.y(x) + 6, 1.3, dark)
    if "red_barn" in features:
        x = width * rng.uniform(0.28, 0.4)
        _barn(draw, x, ridge.y(x) + 6, 1.4, "#9e2f23", roof="#5a2a22", door="#f2e6d0")
    if "church" in features:
        x = width * rng.uniform(0.45, 0.6)
        _church(draw, x, ridge.y(x) + 6, 1.2, "#a9563a", "#5c4a42")
    if "houses" in features:
        for number in range(rng.randint(3, 5)):
            x = width * 0.2 + number * rng.uniform(60, 110)
            _house(draw, x, ridge.y(x) + 8, rng.uniform(0.8, 1.1), "#efe3cf", "#b4412f")
    if "lit_houses" in features:
        for number in range(6):
            x = width * 0.15 + number * rng.uniform(110, 150)
            _house(draw, x, ridge.y(x) + 8, 1.0, "#1a2433", "#121a26", window=scene.light)
    if "turbines" in features:
        for number in range(rng.randint(4, 6)):
            x = width * 0.1 + number * rng.uniform(170, 220)
            _turbine(draw, x, ridge.y(x) + 4, rng.uniform(0.7, 1.1), rng.uniform(0, 120))
    if "lighthouse" in features:
        x = width * rng.uniform(0.7, 0.82)
        _lighthouse(draw, x, ridge.y(x) + 6, 1.3)
    if "gables" in features:
        colours = ["#b5482f", "#d99a3e", "#7a8f4a", "#a33b2c", "#c97b54", "#6d7f99", "#b85f3a"]
        x = -20
        while x < width:
            house_width = rng.uniform(110, 160)
            _gable(draw, x, height * 0.92, house_width, rng.uniform(260, 360), rng.choice(colours))
            x += house_width + 4
    if "jetty" in features:
        top = height * 0.8
        draw.polygon(
            [
                (width * 0.42, top),
                (width * 0.5, top),
                (width * 0.58, height),
                (width * 0.3, height),
            ],
            fill="#8a6846",
        )
        for number in range(9):
            share = number / 9
            y = top + share * (height - top)
            left, right = width * (0.42 - 0.12 * share), width * (0.5 + 0.08 * share)
            draw.line((left, y, right, y), fill="#6b4f35", width=2)


def _round_tree(draw, x, y, s, colour, trunk="#4a3a2a"):
    draw.rectangle((x - 4 * s, y - 30 * s, x + 4 * s, y), fill=trunk)
    draw.ellipse((x - 26 * s, y - 78 * s, x + 26 * s, y - 24 * s), fill=colour)


def _conifer(draw, x, y, s, colour):
    draw.polygon([(x, y - 90 * s), (x - 20 * s, y), (x + 20 * s, y)], fill=colour)


def _bare_tree(draw, rng, x, y, s, colour):
    def branch(x0, y0, angle, length, depth):
        x1 = x0 + math.cos(angle) * length
        y1 = y0 - math.sin(angle) * length
        draw.line((x0, y0, x1, y1), fill=colour, width=max(1, depth * 2))
        if depth > 0:
            for turn in (-0.45, 0.4):
                branch(x1, y1, angle + turn + rng.uniform(-0.15, 0.15), length * 0.7, depth - 1)

    branch(x, y, math.pi / 2, 42 * s, 4)


def _barn(draw, x, y, s, colour, roof=None, door=None):
    w, h = 120 * s, 60 * s
    draw.rectangle((x - w / 2, y - h, x + w / 2, y), fill=colour)
    draw.polygon(
        [(x - w / 2 - 8 * s, y - h), (x, y - h - 48 * s), (x + w / 2 + 8 * s, y - h)],
        fill=roof or colour,
    )
    if door:
        draw.rectangle((x - 16 * s, y - 42 * s, x + 16 * s, y), outline=door, width=int(3 * s))
        draw.line((x - 16 * s, y - 42 * s, x + 16 * s, y), fill=door, width=int(2 * s))


def _windmill(draw, x, y, s, colour, angle):
    draw.polygon(
        [(x - 28 * s, y), (x - 16 * s, y - 120 * s), (x + 16 * s, y - 120 * s), (x + 28 * s, y)],
        fill=colour,
    )
    draw.ellipse((x - 20 * s, y - 140 * s, x + 20 * s, y - 108 * s), fill=colour)
    hub = (x, y - 124 * s)
    for number in range(4):
        a = math.radians(angle + number * 90)
        tip = (hub[0] + math.cos(a) * 105 * s, hub[1] + math.sin(a) * 105 * s)
        side = (math.cos(a + math.pi / 2) * 9 * s, math.sin(a + math.pi / 2) * 9 * s)
        draw.polygon(
            [
                hub,
                (tip[0], tip[1]),
                (tip[0] + side[0] * 2, tip[1] + side[1] * 2),
                (hub[0] + side[0], hub[1] + side[1]),
            ],
            fill=colour,
        )
        draw.line((*hub, *tip), fill=colour, width=int(3 * s))


def _church(draw, x, y, s, wall, roof):
    draw.rectangle((x - 70 * s, y - 55 * s, x + 30 * s, y), fill=wall)
    draw.polygon(
        [(x - 76 * s, y - 55 * s), (x - 20 * s, y - 95 * s), (x + 36 * s, y - 55 * s)], fill=roof
    )
    draw.rectangle((x + 30 * s, y - 120 * s, x + 62 * s, y), fill=wall)
    draw.polygon(
        [(x + 26 * s, y - 120 * s), (x + 46 * s, y - 190 * s), (x + 66 * s, y - 120 * s)], fill=roof
    )
    draw.rectangle((x + 40 * s, y - 100 * s, x + 52 * s, y - 84 * s), fill="#3a2f2a")


def _house(draw, x, y, s, wall, roof, window=None):
    draw.rectangle((x - 34 * s, y - 40 * s, x + 34 * s, y), fill=wall)
    draw.polygon([(x - 42 * s, y - 40 * s), (x, y - 72 * s), (x + 42 * s, y - 40 * s)], fill=roof)
    pane = window or "#5d6f82"
    for dx in (-20, 8):
        draw.rectangle((x + dx * s, y - 30 * s, x + (dx + 12) * s, y - 18 * s), fill=pane)


def _turbine(draw, x, y, s, angle):
    top = y - 210 * s
    draw.polygon(
        [(x - 5 * s, y), (x - 2 * s, top), (x + 2 * s, top), (x + 5 * s, y)], fill="#f4f6f8"
    )
    for number in range(3):
        a = math.radians(angle + number * 120)
        tip = (x + math.cos(a) * 95 * s, top + math.sin(a) * 95 * s)
        side = (math.cos(a + math.pi / 2) * 6 * s, math.sin(a + math.pi / 2) * 6 * s)
        draw.polygon([(x, top), (x + side[0], top + side[1]), tip], fill="#f4f6f8")
    draw.ellipse((x - 6 * s, top - 6 * s, x + 6 * s, top + 6 * s), fill="#dfe4ea")


def _lighthouse(draw, x, y, s):
    height = 170 * s
    stripes = 5
    for number in range(stripes):
        y0 = y - height * number / stripes
        y1 = y - height * (number + 1) / stripes
        w0 = 24 * s * (1 - 0.35 * number / stripes)
        w1 = 24 * s * (1 - 0.35 * (number + 1) / stripes)
        colour = "#c8322b" if number % 2 == 0 else "#f7f4ee"
        draw.polygon([(x - w0, y0), (x - w1, y1), (x + w1, y1), (x + w0, y0)], fill=colour)
    top = y - height
    draw.rectangle((x - 14 * s, top - 24 * s, x + 14 * s, top), fill="#fff3b0")
    draw.polygon(
        [(x - 18 * s, top - 24 * s), (x, top - 46 * s), (x + 18 * s, top - 24 * s)], fill="#2f2f35"
    )


def _gable(draw, x, bottom, w, h, colour):
    body_top = bottom - h * 0.62
    draw.rectangle((x, body_top, x + w, bottom), fill=colour)
    steps = 4
    for number in range(steps):
        inset = w * number / (steps * 2)
        top = body_top - (h * 0.38) * (number + 1) / steps
        draw.rectangle((x + inset, top, x + w - inset, body_top), fill=colour)
    pane = _mix(colour, "#ffffff", 0.6)
    for row in range(3):
        for column in range(3):
            wx = x + w * (0.14 + column * 0.29)
            wy = body_top + 18 + row * (h * 0.62 - 40) / 3
            draw.rectangle((wx, wy, wx + w * 0.14, wy + 26), fill=pane)


def paint_portrait(portrait):
    """An abstract head-and-shoulders picture of PORTRAIT_SIZE."""
    rng = random.Random(portrait.seed)  # noqa: S311 - a fixed seed for repeatable pictures
    width, height = PORTRAIT_SIZE
    image = _gradient(PORTRAIT_SIZE, *portrait.background)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(12):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(20, 70)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 22))
    cx = width / 2
    if portrait.hair_style == "long":
        draw.rounded_rectangle((cx - 120, 150, cx + 120, 430), radius=90, fill=portrait.hair)
    draw.ellipse((cx - 210, 420, cx + 210, 760), fill=portrait.shirt)
    draw.rectangle((cx - 38, 330, cx + 38, 440), fill=_mix(portrait.skin, "#000000", 0.12))
    draw.ellipse((cx - 95, 130, cx + 95, 360), fill=portrait.skin)
    if portrait.hair_style in {"short", "beard"}:
        draw.chord((cx - 100, 110, cx + 100, 290), 180, 360, fill=portrait.hair)
    if portrait.hair_style == "long":
        draw.chord((cx - 104, 112, cx + 104, 300), 180, 360, fill=portrait.hair)
    if portrait.hair_style == "bun":
        draw.ellipse((cx - 48, 70, cx + 48, 160), fill=portrait.hair)
        draw.chord((cx - 100, 118, cx + 100, 280), 180, 360, fill=portrait.hair)
    if portrait.hair_style == "beard":
        draw.chord((cx - 86, 236, cx + 86, 370), 0, 180, fill=portrait.hair)
    return image.filter(ImageFilter.SMOOTH)


def encode_jpeg(picture):
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
