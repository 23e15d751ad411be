"""The pictures of the demo installation: landscapes of the region (sky, hills, fields, a barn,
a windmill …) and illustrated portraits of the demo authors, with their titles, descriptions and
alternative texts. :mod:`demo.painting` paints them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scene:
    """A landscape: sky, layers of hills from back to front and what stands on them."""

    key: str
    title: str
    description: str
    alt: dict
    sky: tuple
    hills: tuple
    features: tuple = ()
    field: tuple | None = None
    water: str | None = None
    light: str | None = "#fff4c2"
    seed: int = 1


@dataclass(frozen=True)
class Portrait:
    key: str
    title: str
    description: str
    background: tuple
    skin: str
    hair: str
    shirt: str
    hair_style: str = "short"
    seed: int = 1


SCENES = {
    scene.key: scene
    for scene in [
        Scene(
            key="raps",
            title="Rapsfeld mit Windmühle (Illustration)",
            description="Gemalte Landschaft: gelbes Rapsfeld, grüne Hügel und eine Windmühle.",
            alt={
                "de": "Gemalte Landschaft: ein leuchtend gelbes Rapsfeld unter blauem Himmel, "
                "dahinter grüne Hügel und eine dunkle Windmühle.",
                "en": "Painted landscape: a bright yellow rapeseed field under a blue sky, green "
                "hills and a dark windmill behind it.",
            },
            sky=("#4f8fd6", "#cfe6f7"),
            hills=("#6e9b63", "#4f7f4a"),
            field=("#f2cf2b", "#d9b21c"),
            features=("windmill", "clouds", "trees"),
            seed=11,
        ),
        Scene(
            key="scheune",
            title="Abendstimmung mit Scheune (Illustration)",
            description="Gemalte Abendlandschaft mit einer Scheune auf dem Hügel.",
            alt={
                "de": "Gemalte Abendlandschaft: orangeroter Himmel mit tief stehender Sonne, "
                "dunkelgrüne Hügel und die Silhouette einer Scheune.",
                "en": "Painted evening landscape: an orange-red sky with a low sun, dark green "
                "hills and the silhouette of a barn.",
            },
            sky=("#f08a4b", "#ffd79a"),
            hills=("#4d5e3a", "#33402a", "#232d1e"),
            features=("sun", "barn", "trees"),
            light="#fff1c9",
            seed=23,
        ),
        Scene(
            key="kueste",
            title="Küste mit Leuchtturm (Illustration)",
            description="Gemalte Küstenlandschaft mit Ostsee, Strand und einem Leuchtturm.",
            alt={
                "de": "Gemalte Küste: blaue Ostsee unter hellem Himmel, ein sandfarbener "
                "Strandstreifen und ein rot-weißer Leuchtturm.",
                "en": "Painted coast: the blue Baltic Sea under a pale sky, a strip of sandy "
                "beach and a red-and-white lighthouse.",
            },
            sky=("#7fb3de", "#eaf4fb"),
            hills=("#d9c48f",),
            water="#2f6ea3",
            features=("lighthouse", "clouds"),
            seed=37,
        ),
        Scene(
            key="dorf",
            title="Dorf mit Kirchturm (Illustration)",
            description="Gemaltes Dorf mit Backsteinkirche und Häusern zwischen Feldern.",
            alt={
                "de": "Gemaltes Dorf: Häuser mit roten Dächern und ein Kirchturm zwischen "
                "hellgrünen Feldern, darüber ein sommerlicher Himmel.",
                "en": "Painted village: houses with red roofs and a church tower between light "
                "green fields under a summer sky.",
            },
            sky=("#5b9bd5", "#d8ecf8"),
            hills=("#8fb86a", "#77a356"),
            field=("#a6c97a", "#93b868"),
            features=("church", "houses", "clouds"),
            seed=41,
        ),
        Scene(
            key="windpark",
            title="Felder mit Windrädern (Illustration)",
            description="Gemalte Ebene mit Windrädern über grünen und braunen Feldern.",
            alt={
                "de": "Gemalte Ebene: weiße Windräder über grünen und braunen Ackerstreifen, "
                "dazu ein weiter, wolkiger Himmel.",
                "en": "Painted plain: white wind turbines above green and brown strips of "
                "farmland under a wide, cloudy sky.",
            },
            sky=("#6d8fb3", "#e3edf5"),
            hills=("#7c9b5b", "#62834a"),
            field=("#8a6d4b", "#6f8f4e"),
            features=("turbines", "clouds"),
            seed=53,
        ),
        Scene(
            key="winter",
            title="Winterfelder im Morgenlicht (Illustration)",
            description="Gemalte Winterlandschaft mit verschneiten Feldern und kahlen Bäumen.",
            alt={
                "de": "Gemalte Winterlandschaft: verschneite Felder im rosa Morgenlicht, eine "
                "Reihe kahler Bäume und einige kleine Häuser.",
                "en": "Painted winter landscape: snowy fields in pink morning light, a row of "
                "bare trees and a few small houses.",
            },
            sky=("#c9b6d9", "#fbe3d6"),
            hills=("#e6ebf2", "#d5dde8"),
            field=("#f4f6fa", "#dfe5ee"),
            features=("bare_trees", "houses"),
            light="#ffe9d6",
            seed=67,
        ),
        Scene(
            key="elbe",
            title="Flusswiesen an der Elbe (Illustration)",
            description="Gemalte Flusslandschaft mit Wiesen und Bäumen.",
            alt={
                "de": "Gemalte Flusslandschaft: ein breiter, ruhiger Fluss vor grünen Wiesen "
                "mit Gruppen runder Bäume.",
                "en": "Painted river landscape: a wide, calm river in front of green meadows "
                "with clusters of round trees.",
            },
            sky=("#79a7cf", "#e6f1f8"),
            hills=("#7fae6a", "#5f9150"),
            water="#4a86b4",
            features=("trees", "clouds"),
            seed=71,
        ),
        Scene(
            key="nacht",
            title="Sternenhimmel über dem Dorf (Illustration)",
            description="Gemaltes Dorf bei Nacht mit erleuchteten Fenstern und Sternen.",
            alt={
                "de": "Gemaltes Dorf bei Nacht: dunkelblauer Sternenhimmel mit Mond, Häuser mit "
                "warm erleuchteten Fenstern.",
                "en": "Painted village at night: a dark blue starry sky with the moon, houses "
                "with warmly lit windows.",
            },
            sky=("#0f1d3d", "#34507f"),
            hills=("#1d2b3f", "#141f2e"),
            features=("stars", "moon", "lit_houses"),
            light="#ffe9a8",
            seed=83,
        ),
        Scene(
            key="herbst",
            title="Herbstallee zwischen Feldern (Illustration)",
            description="Gemalte Herbstlandschaft mit Allee und abgeernteten Feldern.",
            alt={
                "de": "Gemalte Herbstlandschaft: eine Allee mit orangefarbenen Bäumen zwischen "
                "abgeernteten, braunen Feldern.",
                "en": "Painted autumn landscape: an avenue of orange trees between harvested, "
                "brown fields.",
            },
            sky=("#8fb0c9", "#f3e6cf"),
            hills=("#a8834f", "#8c6a3c"),
            field=("#b88a4a", "#9c7136"),
            features=("avenue", "clouds"),
            seed=97,
        ),
        Scene(
            key="see",
            title="See mit Wald (Illustration)",
            description="Gemalter See mit dunklem Nadelwald und einem Steg.",
            alt={
                "de": "Gemalter See: ruhiges blaues Wasser, am Ufer dunkler Nadelwald, im "
                "Vordergrund ein hölzerner Steg.",
                "en": "Painted lake: calm blue water, dark coniferous forest on the shore and a "
                "wooden jetty in the foreground.",
            },
            sky=("#5d95c6", "#dcebf6"),
            hills=("#3f6b4a", "#2f5a3c"),
            water="#3b78a8",
            features=("forest", "jetty"),
            seed=101,
        ),
        Scene(
            key="giebel",
            title="Giebelhäuser einer Hansestadt (Illustration)",
            description="Gemalte Häuserzeile mit Treppengiebeln vor blauem Himmel.",
            alt={
                "de": "Gemalte Hansestadt: eine Zeile bunter Backsteinhäuser mit "
                "Treppengiebeln vor blauem Himmel.",
                "en": "Painted Hanseatic town: a row of colourful brick houses with stepped "
                "gables against a blue sky.",
            },
            sky=("#4c86c6", "#d5e7f5"),
            hills=("#8a9c6b",),
            features=("gables", "clouds"),
            seed=113,
        ),
        Scene(
            key="sommer",
            title="Kornfeld mit Scheune am Mittag (Illustration)",
            description="Gemaltes Kornfeld mit roter Scheune und Bäumen im Sommer.",
            alt={
                "de": "Gemaltes Sommerbild: ein goldenes Kornfeld, eine rote Scheune und runde "
                "Bäume unter hellblauem Himmel.",
                "en": "Painted summer scene: a golden cornfield, a red barn and round trees "
                "under a light blue sky.",
            },
            sky=("#69a8e0", "#e2f1fb"),
            hills=("#7ca35a", "#5d8a45"),
            field=("#e2b75a", "#cfa046"),
            features=("sun", "red_barn", "trees", "clouds"),
            seed=127,
        ),
    ]
}

PORTRAITS = {
    portrait.key: portrait
    for portrait in [
        Portrait(
            key="merle-hansen",
            title="Porträt Merle Hansen (Illustration)",
            description="Illustriertes Porträt: Person mit langem, rotbraunem Haar vor Grün.",
            background=("#2f7a5b", "#a9d8bd"),
            skin="#f1c7a5",
            hair="#8a3b1e",
            shirt="#f2efe6",
            hair_style="long",
            seed=5,
        ),
        Portrait(
            key="tobias-kroeger",
            title="Porträt Tobias Kröger (Illustration)",
            description="Illustriertes Porträt: Person mit kurzem, blondem Haar vor Violett.",
            background=("#5b3f86", "#c7b4e3"),
            skin="#f6d2b4",
            hair="#d9b35c",
            shirt="#2d3a4f",
            hair_style="short",
            seed=7,
        ),
        Portrait(
            key="aylin-demir",
            title="Porträt Aylin Demir (Illustration)",
            description="Illustriertes Porträt: Person mit dunklem Haarknoten vor Blau.",
            background=("#1f5f99", "#a8cdee"),
            skin="#c98f65",
            hair="#24160f",
            shirt="#e07a3f",
            hair_style="bun",
            seed=9,
        ),
        Portrait(
            key="jan-ole-petersen",
            title="Porträt Jan-Ole Petersen (Illustration)",
            description="Illustriertes Porträt: Person mit grauem Haar und Bart vor Ocker.",
            background=("#9a6a1f", "#efd29a"),
            skin="#eab894",
            hair="#8e8e8e",
            shirt="#4f7a3a",
            hair_style="beard",
            seed=13,
        ),
    ]
}
