"""Every shipped rule against its own examples and counter-examples; pack hygiene; German, French and
Spanish pages cleaned end to end with their packs."""

from __future__ import annotations

import pytest

import cleanpage
from cleanpage.rules import KINDS, Rule, load_rules
from cleanpage.score import detect_language
from cleanpage.segment import segment_text

RULESET = load_rules()
RULES = RULESET.rules
LANGUAGES = ("de", "fr", "es")

EXAMPLES = [pytest.param(r, e, id=f"{r.id}:{e[:40]}") for r in RULES for e in r.examples]
COUNTER_EXAMPLES = [pytest.param(r, c, id=f"{r.id}:{c[:40]}") for r in RULES for c in r.counter_examples]


@pytest.mark.parametrize(("rule", "line"), EXAMPLES)
def test_rule_matches_its_examples(rule: Rule, line: str) -> None:
    assert rule.match(line) is not None, f"{rule.id} ({rule.origin}) misses its example {line!r}"


@pytest.mark.parametrize(("rule", "line"), COUNTER_EXAMPLES)
def test_rule_leaves_its_counter_examples_alone(rule: Rule, line: str) -> None:
    match = rule.match(line)
    assert match is None, f"{rule.id} ({rule.origin}) matches its counter-example {line!r}: {match.group()!r}"


def test_every_rule_has_examples_and_counter_examples() -> None:
    lacking = [r.id for r in RULES if not r.examples or not r.counter_examples]
    assert lacking == []


def test_every_language_rule_has_two_examples() -> None:
    thin = [r.id for r in RULES if r.id.split(".")[0] in LANGUAGES and len(r.examples) < 2]
    assert thin == []


def test_every_kind_named_in_a_pack_is_known() -> None:
    assert {r.kind for r in RULES} <= set(KINDS)
    assert {r.kind for r in RULESET.dom} <= set(KINDS)


def test_rule_ids_are_unique_and_name_their_language_or_kind() -> None:
    ids = [r.id for r in RULES] + [r.id for r in RULESET.dom]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        prefix = rule.id.split(".")[0]
        if "*" in rule.languages:
            assert prefix == rule.kind, rule.id
        else:
            assert rule.languages == {prefix}, rule.id
            assert rule.id.split(".")[1] == rule.kind, rule.id


def test_every_pack_language_has_stopwords() -> None:
    languages = {lang for r in RULES for lang in r.languages} - {"*"}
    assert {"en", *LANGUAGES} <= languages
    for language in languages:
        words = RULESET.stopwords.get(language, frozenset())
        assert len(words) >= 100, language
        assert all(w == w.casefold() and " " not in w for w in words), language


def test_the_new_packs_cover_the_kinds_with_wording() -> None:
    worded = set(KINDS) - {"separator"}
    for language in LANGUAGES:
        kinds = {r.kind for r in RULES if r.languages == {language}}
        assert kinds == worded, (language, worded - kinds)


def test_headings_open_blocks_and_copyright_lines_end_the_article() -> None:
    for rule in RULES:
        if rule.id.split(".")[0] in LANGUAGES:
            if rule.id.endswith(".related.heading"):
                assert rule.scope == "block_start", rule.id
            if rule.kind == "copyright":
                assert rule.scope == "trailer", rule.id


# ---------------------------------------------------------------- language detection
PROSE = {
    "en": (
        "The harbour master said on Monday that the old breakwater would be repaired before the "
        "winter storms, "
        "and that the work would not close the ferry terminal for more than a week.",
        "Fishermen who use the inner basin have asked the council for a written promise that their moorings "
        "will not be moved while the cranes are on the quay.",
    ),
    "de": (
        "Der Hafenmeister sagte am Montag, dass die alte Mole noch vor den Winterstürmen repariert "
        "werden soll "
        "und die Arbeiten den Fähranleger nicht länger als eine Woche sperren würden.",
        "Die Fischer, die das innere Becken nutzen, haben den Gemeinderat um eine schriftliche "
        "Zusage gebeten, "
        "dass ihre Liegeplätze nicht verlegt werden, solange die Kräne auf dem Kai stehen.",
    ),
    "fr": (
        "Le capitaine du port a déclaré lundi que la vieille jetée serait réparée avant les tempêtes "
        "de l'hiver "
        "et que les travaux ne fermeraient pas le terminal des ferries plus d'une semaine.",
        "Les pêcheurs qui utilisent le bassin intérieur ont demandé au conseil une promesse écrite que leurs "
        "amarrages ne seront pas déplacés tant que les grues seront sur le quai.",
    ),
    "es": (
        "El capitán del puerto dijo el lunes que el viejo rompeolas será reparado antes de los "
        "temporales del "
        "invierno y que las obras no cerrarán la terminal de los ferris más de una semana.",
        "Los pescadores que usan la dársena interior han pedido al ayuntamiento una promesa por "
        "escrito de que "
        "sus amarres no se moverán mientras las grúas estén en el muelle.",
    ),
}


@pytest.mark.parametrize("language", sorted(PROSE))
def test_language_is_detected_from_the_packs_stopwords(language: str) -> None:
    lines = segment_text("\n".join(PROSE[language]))
    assert detect_language([line.text for line in lines], RULESET.stopwords) == language


# ---------------------------------------------------------------- pages cleaned end to end
GERMAN_BODY = (
    "Talbrück bekommt nach jahrelangem Streit eine neue Fußgängerbrücke über die Lahne. Der Stadtrat hat am "
    "Dienstagabend mit großer Mehrheit beschlossen, den maroden Steg am Mühlenwehr abzureißen und "
    "durch einen "
    "Neubau aus Holz und Stahl zu ersetzen.",
    "Die alte Brücke war im vergangenen Herbst gesperrt worden, nachdem Gutachter Risse in den Pfeilern "
    "gefunden hatten. Seitdem müssen Schüler und Pendler einen Umweg von fast zwei Kilometern über die "
    "Bundesstraße nehmen, was viele Eltern für gefährlich halten.",
    "Nach Angaben der Stadtverwaltung soll der Neubau rund 2,4 Millionen Euro kosten. Etwa die Hälfte der "
    "Summe will das Land aus einem Förderprogramm für den Radverkehr übernehmen, den Rest muss die Stadt aus "
    "ihren Rücklagen bezahlen.",
    "Bürgermeisterin Helga Sommerfeld sprach von einem guten Tag für die Altstadt. Sie hoffe, dass die "
    "Bagger noch vor den Sommerferien anrollen und die Brücke im Frühjahr des kommenden Jahres wieder "
    "geöffnet werden könne.",
    "Kritik kam von der Fraktion der Freien Wähler, die eine günstigere Lösung aus Beton gefordert hatte. "
    "Ihr Sprecher sagte, die Stadt dürfe sich bei einem so teuren Projekt nicht allein auf die Zusagen des "
    "Landes verlassen.",
)
GERMAN_PAGE = (
    "Zum Inhalt springen",
    "Startseite",
    "Politik",
    "Lokales",
    "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu "
    "analysieren.",
    "Alle akzeptieren",
    "Neue Fußgängerbrücke für Talbrück: Stadtrat stimmt für Neubau am Mühlenwehr",
    "Von Anna Müller",
    "Aktualisiert am 12.03.2025, 14:15 Uhr",
    "Teilen",
    GERMAN_BODY[0],
    GERMAN_BODY[1],
    "Anzeige",
    GERMAN_BODY[2],
    GERMAN_BODY[3],
    GERMAN_BODY[4],
    "Newsletter abonnieren",
    "Lesen Sie auch",
    "Hochwasser: Lahne-Pegel steigt über die Warnmarke",
    "Vor 26 Minuten",
    "Stadtwerke erhöhen die Preise für Fernwärme",
    "Vor 2 Std.",
    "© 2025 Talbrücker Anzeiger. Alle Rechte vorbehalten.",
    "Kommentare",
    "Impressum · Datenschutz · AGB",
)
GERMAN_KINDS = {
    "navigation",
    "consent",
    "byline",
    "timestamp",
    "share",
    "advertisement",
    "newsletter",
    "related",
    "copyright",
    "comments",
    "footer",
}

FRENCH_BODY = (
    "La commune de Port-Sablon a inauguré samedi sa nouvelle médiathèque, installée dans l'ancienne "
    "conserverie de sardines qui dominait le quai depuis plus d'un siècle. Plusieurs centaines d'habitants "
    "se sont pressés devant les portes dès l'ouverture.",
    "Le chantier aura duré près de trois ans et coûté 6,8 millions d'euros, dont la moitié a été financée "
    "par la région. Les architectes ont conservé la charpente métallique et les grandes verrières qui "
    "éclairent désormais les salles de lecture.",
    "La médiathèque propose plus de quarante mille ouvrages, un espace consacré aux jeux vidéo et un studio "
    "où les jeunes pourront enregistrer leurs propres émissions. Elle sera ouverte le dimanche matin, une "
    "première dans le département.",
    "Pour la maire, Odile Kerbrat, le lieu doit devenir le cœur de la vie culturelle de la ville. Elle a "
    "promis que les horaires seraient élargis si la fréquentation des premiers mois était au rendez-vous.",
)
FRENCH_PAGE = (
    "Aller au contenu principal",
    "Accueil",
    "Société",
    "Culture",
    "Port-Sablon : la nouvelle médiathèque ouvre ses portes dans l'ancienne conserverie",
    "Par Marie Dupont",
    "Publié le 4 mars 2025 à 14h15",
    "Mis à jour le 5 mars 2025 à 09h02",
    "Partager",
    FRENCH_BODY[0],
    "Photo : AFP",
    FRENCH_BODY[1],
    "Publicité",
    FRENCH_BODY[2],
    FRENCH_BODY[3],
    "Inscrivez-vous à notre newsletter",
    "À lire aussi",
    "Le port de pêche prépare sa saison estivale",
    "Il y a 3 heures",
    "Tempête : des coupures de courant sur le littoral",
    "Il y a 5 heures",
    "© 2025 L'Écho du Littoral. Tous droits réservés.",
    "Commentaires",
    "Mentions légales · Politique de confidentialité · Contact",
)
FRENCH_KINDS = {
    "navigation",
    "byline",
    "timestamp",
    "share",
    "caption",
    "advertisement",
    "newsletter",
    "related",
    "copyright",
    "comments",
    "footer",
}

SPANISH_BODY = (
    "El ayuntamiento de Villaverde del Río aprobó el jueves la construcción de un carril bici que unirá el "
    "casco antiguo con el polígono industrial, una reclamación histórica de los vecinos que trabajan en las "
    "fábricas de la zona.",
    "El proyecto, que costará unos 1,9 millones de euros, incluye tres kilómetros de carril separado del "
    "tráfico, nuevos pasos de peatones y una pasarela sobre el arroyo que hasta ahora obligaba a dar un "
    "largo rodeo por la carretera.",
    "La alcaldesa, Remedios Alcántara, explicó que las obras empezarán después del verano y que el carril "
    "estará listo antes de la próxima primavera si no hay retrasos en la llegada de los materiales.",
    "La oposición votó a favor, aunque pidió que el gobierno municipal publique cada mes el estado de las "
    "obras y que los comercios del centro reciban ayudas mientras duren las molestias.",
)
SPANISH_PAGE = (
    "Ir al contenido principal",
    "Portada",
    "Política",
    "Deportes",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarle publicidad.",
    "Aceptar todo",
    "Villaverde del Río tendrá un carril bici hasta el polígono industrial",
    "Por José Núñez",
    "Actualizado: 04/03/2025 14:15",
    "Compartir",
    SPANISH_BODY[0],
    SPANISH_BODY[1],
    "Publicidad",
    SPANISH_BODY[2],
    SPANISH_BODY[3],
    "Suscríbete a nuestro boletín",
    "Noticias relacionadas",
    "El pleno aprueba los presupuestos de 2025",
    "Hace 2 horas",
    "Cortes de agua en el centro por obras",
    "Hace 5 horas",
    "© 2025 Diario de la Vega. Todos los derechos reservados.",
    "Comentarios",
    "Aviso legal · Política de privacidad · Contacto",
)
SPANISH_KINDS = {
    "navigation",
    "consent",
    "byline",
    "timestamp",
    "share",
    "advertisement",
    "newsletter",
    "related",
    "copyright",
    "comments",
    "footer",
}

PAGES = [
    pytest.param("de", GERMAN_PAGE, GERMAN_BODY, GERMAN_KINDS, id="de"),
    pytest.param("fr", FRENCH_PAGE, FRENCH_BODY, FRENCH_KINDS, id="fr"),
    pytest.param("es", SPANISH_PAGE, SPANISH_BODY, SPANISH_KINDS, id="es"),
]


@pytest.mark.parametrize(("language", "page", "body", "kinds"), PAGES)
def test_a_page_in_the_language_is_cleaned_with_its_pack(
    language: str, page: tuple[str, ...], body: tuple[str, ...], kinds: set[str]
) -> None:
    r = cleanpage.clean("\n".join(page) + "\n")
    assert r.language == language
    assert r.paragraphs == body
    assert {x.kind for x in r.removed} == kinds
    removed = {x.text for x in r.removed}
    cruft = [line for line in page if line not in body and line != r.title]
    assert [line for line in cruft if line not in removed] == []
    assert all(x.rule.startswith((f"{language}.", *(f"{k}." for k in KINDS))) for x in r.removed)
    assert len(r.related) == 2 and all(e.headline and e.age for e in r.related)


def test_related_entries_keep_their_lower_case_relative_times() -> None:
    for language, page in (("de", GERMAN_PAGE), ("fr", FRENCH_PAGE), ("es", SPANISH_PAGE)):
        ages = [line[0].lower() + line[1:] for line in page if _is_age(line)]
        assert len(ages) == 2
        lowered = [line[0].lower() + line[1:] if _is_age(line) else line for line in page]
        r = cleanpage.clean("\n".join(lowered) + "\n")
        assert [e.age for e in r.related] == ages, language


def _is_age(line: str) -> bool:
    return line.startswith(("Vor ", "Il y a ", "Hace "))


def test_a_subheading_after_a_related_block_inside_the_article_stays() -> None:
    subheading = "Una pasarela sobre el arroyo"
    page = (
        SPANISH_PAGE[6],
        SPANISH_BODY[0],
        SPANISH_BODY[1],
        "Te puede interesar",
        "Cortes de agua en el centro por obras",
        "El servicio municipal de aguas cortará el suministro el martes en seis calles del casco antiguo "
        "mientras sustituye una tubería de fibrocemento.",
        subheading,
        SPANISH_BODY[2],
        SPANISH_BODY[3],
    )
    r = cleanpage.clean("\n".join(page) + "\n")
    assert "Te puede interesar" in {x.text for x in r.removed}
    assert r.paragraphs == (SPANISH_BODY[0], SPANISH_BODY[1], subheading, SPANISH_BODY[2], SPANISH_BODY[3])
