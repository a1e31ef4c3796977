#!/usr/bin/env python3
"""Generate seeds/collectivites.yaml, the demo list of French collectivités.

Usage (from anywhere):
    python3 seeds/tools/generate_collectivites.py [DATA_DIR]

DATA_DIR is the official data set (npm package @etalab/decoupage-administratif
6.0.0, Etalab, MIT licence) holding communes.json, epci.json, departements.json
and regions.json. Default: ../shared/data/decoupage-administratif, relative to
the repository root (a relative DATA_DIR is also resolved against the root).

Every code and population comes from the data set. The only human decisions
are the tables below (which 2009 / 2020 name is which official body); each row
carries the reason, and the script checks each decision against the data
(official name, département, membership of the "evidence" communes), failing
loudly rather than guessing. Standard library only.
"""

import gzip
import json
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The copy that the jar carries (gzipped, as OfficialDivisions reads it).
DEFAULT_DATA_DIR = "src/main/resources/decoupage-administratif"
OUTPUT = os.path.join(REPO_ROOT, "seeds", "collectivites.yaml")

MIDI_PYRENEES_DEPS = {"09", "12", "31", "32", "46", "65", "81", "82"}
LOCAL_NOTE = "code local: hors du jeu de données officiel"
KIND_ORDER = ["REGION", "DEPARTEMENT", "EPCI", "PAYS", "PNR", "COMMUNE"]

# ---------------------------------------------------------------------------
# Decision tables
# ---------------------------------------------------------------------------

# Source 1: seeds/000_*.txt, "Membres du Réseau des Villes et Territoires
# Durables de Midi-Pyrénées, 01 Septembre 2009" (list at the end of the file).

# (line of the 2009 list, INSEE code, official name expected in the data, reason)
# The expected name is checked against communes.json, so a wrong code fails.
MP_COMMUNES = [
    ("Ville Beaumont de Lomagne", "82013", "Beaumont-de-Lomagne", None),
    ("Ville d'Albi", "81004", "Albi", None),
    ("Ville d'Aspet", "31020", "Aspet", None),
    ("Ville d'Aucamville", "31022", "Aucamville",
     "homonyme : Aucamville (31, agglomération toulousaine) retenue plutôt "
     "qu'Aucamville (82005, Tarn-et-Garonne)"),
    ("Ville d'Auch", "32013", "Auch", None),
    ("Ville d'Auterive", "31033", "Auterive",
     "homonyme : Auterive (31) retenue plutôt qu'Auterive (32019, Gers) "
     "ou Auterive (82006, Tarn-et-Garonne), bien plus petites"),
    ("Ville d'Escalquens", "31169", "Escalquens", None),
    ("Ville de Bagnères de Luchon", "31042", "Bagnères-de-Luchon", None),
    ("Ville de Balma", "31044", "Balma", None),
    ("Ville de Blagnac", "31069", "Blagnac", None),
    ("Ville de Castelmaurou", "31117", "Castelmaurou", None),
    ("Ville de Castelnaud d'Estretrefonds", "31118", "Castelnau-d'Estrétefonds",
     "libellé 2009 mal orthographié"),
    ("Ville de Castres", "81065", "Castres", None),
    ("Ville de Colomiers", "31149", "Colomiers", None),
    ("Ville de Cornebarrieu", "31150", "Cornebarrieu", None),
    ("Ville de Cugnaux", "31157", "Cugnaux", None),
    ("Ville de Dourgnès", "81081", "Dourgne", "libellé 2009 mal orthographié (Dourgne, Tarn)"),
    ("Ville de Dun", "09107", "Dun", "Dun (Ariège)"),
    ("Ville de Fenouillet", "31182", "Fenouillet", None),
    ("Ville de Figeac", "46102", "Figeac", None),
    ("Ville de Fonsorbes", "31187", "Fonsorbes", None),
    ("Ville de Gaillac", "81099", "Gaillac", None),
    ("Ville de Gourdon", "46127", "Gourdon", None),
    ("Ville de Gramond", "12113", "Gramond", "Gramond (Aveyron)"),
    ("Ville de Labastide St Pierre", "82079", "Labastide-Saint-Pierre", None),
    ("Ville de Labège", "31254", "Labège", None),
    ("Ville de Lannemezan", "65258", "Lannemezan", None),
    ("Ville de Lisle sur Tarn", "81145", "Lisle-sur-Tarn", None),
    ("Ville de Lourdes", "65286", "Lourdes", None),
    ("Ville de Mazères sur Salat", "31336", "Mazères-sur-Salat", None),
    ("Ville de Millau", "12145", "Millau", None),
    ("Ville de Moissac", "82112", "Moissac", None),
    ("Ville de Montauban", "82121", "Montauban", None),
    ("Ville de Montberon", "31364", "Montberon", None),
    ("Ville de Mouchan", "32292", "Mouchan", "Mouchan (Gers)"),
    ("Ville de Muret", "31395", "Muret", None),
    ("Ville de Ordan Larroque", "32301", "Ordan-Larroque", None),
    ("Ville de Pamiers", "09225", "Pamiers", None),
    ("Ville de Plaisance du Touch", "31424", "Plaisance-du-Touch", None),
    ("Ville de Portet sur Garonne", "31433", "Portet-sur-Garonne", None),
    ("Ville de Rabastens", "81220", "Rabastens",
     "Rabastens (Tarn), et non Rabastens-de-Bigorre (65375)"),
    ("Ville de Ramonville St Agne", "31446", "Ramonville-Saint-Agne", None),
    ("Ville de Rodez", "12202", "Rodez", None),
    ("Ville de Roques sur Garonne", "31458", "Roques",
     "« Roques-sur-Garonne » : nom officiel Roques (Haute-Garonne, bord de "
     "Garonne près de Muret), et non Roques (32351, Gers)"),
    ("Ville de Saint Genies Bellevue", "31484", "Saint-Geniès-Bellevue", None),
    ("Ville de Saint Jean", "31488", "Saint-Jean", "Saint-Jean (Haute-Garonne)"),
    ("Ville de Saint Lys", "31499", "Saint-Lys", None),
    ("Ville de Saint Paul Cap de Joux", "81266", "Saint-Paul-Cap-de-Joux", "Tarn"),
    ("Ville de Saix", "81273", "Saïx", None),
    ("Ville de St Nicolas de la Grave", "82169", "Saint-Nicolas-de-la-Grave", None),
    ("Ville de St Orens de Gameville", "31506", "Saint-Orens-de-Gameville", None),
    ("Ville de Tarbes", "65440", "Tarbes", None),
    ("Ville de Toulouse", "31555", "Toulouse", None),
    ("Ville de Tournefeuille", "31557", "Tournefeuille", None),
    ("Ville de Valence sur Baise", "32459", "Valence-sur-Baïse", "Gers"),
    ("Ville du Séquestre", "81284", "Le Sequestre", None),
]

# 2009 intercommunalités -> today's EPCI (SIREN). "evidence" lists INSEE codes
# of communes that belonged to the 2009 body; the script checks that each is a
# member of the chosen EPCI today. Several 2009 lines may share one EPCI.
MP_EPCI = [
    ("Communauté de Communes Save au Touch", "243100781",
     ["31424", "31291", "31526"],  # Plaisance-du-Touch, Léguevin, La Salvetat-Saint-Gilles
     "successeur : CC Le Grand Ouest Toulousain (Plaisance-du-Touch, Léguevin, La Salvetat-Saint-Gilles)"),
    ("Communauté d'agglomération Castres Mazamet", "248100430", ["81065", "81163"],
     "même communauté"),
    ("Communauté d'Agglomération du Grand Rodez", "241200187", ["12202"],
     "renommée Rodez Agglomération"),
    ("Communauté d'Agglomération du Grand Tarbes", "200069300", ["65440"],
     "fusionnée en 2017 dans la CA Tarbes-Lourdes-Pyrénées"),
    ("Communauté d'Agglomération du Muretain", "200068641", ["31395"],
     "fusionnée en 2017 dans la CA Le Muretain Agglo"),
    ("communauté d'agglomération du SICOVAL", "243100633", ["31254", "31169", "31446"],
     "même communauté"),
    ("Communauté de Commune du Causse de Labastide Murat", "244600573", ["46138"],
     "même communauté (Labastide-Murat est devenue commune déléguée de Cœur de Causse)"),
    ("Communauté de Commune Quercy Pays de Serres", "200040418", ["82094"],
     "successeur : CC du Pays de Serres en Quercy, autour de Lauzerte"),
    ("Communauté de Communes de Cahors", "200023737", ["46042"],
     "devenue CA du Grand Cahors"),
    ("Communauté de Communes Decazeville Aubin", "200067064", ["12089", "12013"],
     "devenue CC Decazeville Communauté"),
    ("Communauté de Communes des Baronnie", "200070787", ["65105", "65165"],
     "CC des Baronnies, Hautes-Pyrénées, fusionnée en 2017 avec le Plateau de "
     "Lannemezan, Neste-Baronnies et Baïses ; à ne pas confondre avec "
     "la CC de la Baronnie des Angles, autour de Lézignan"),
    ("Communauté de Communes des Bastides du Val d'Arrats", "200034726", ["32249"],
     "fusionnée dans la CC Bastides de Lomagne, autour de Mauvezin"),
    ("Communauté de communes des Monts d'Alban", "200034031", ["81003"],
     "devenue CC des Monts d'Alban et du Villefranchois"),
    ("Communauté de communes des Véziaux d'Aure", "246500573", ["65006", "65212", "65116"],
     "fusionnée en 2017 dans la CC Aure Louron, avec Ancizan, Guchen, Cadéac"),
    ("Communauté de Communes du Grand Auch", "200066926", ["32013"],
     "devenue CA Grand Auch Cœur de Gascogne"),
    ("Communauté de Communes du Haut Comminges", "200072635", ["31045"],
     "fusionnée en 2017 dans la CC Pyrénées Haut Garonnaises, successeur probable"),
    ("Communauté de Communes du Réalmontais", "200034049", ["81222"],
     "devenue CC Centre Tarn, siège Réalmont"),
    ("Communauté de communes du Saint Gaudinois", "200072643", ["31483"],
     "fusionnée en 2017 dans la CC Cœur et Coteaux du Comminges"),
    ("Communauté de Communes Saint Gaudinois", "200072643", ["31483"],
     "doublon de la ligne précédente dans la liste 2009"),
    ("Communauté de Communes du Volvestre", "200066819", ["31455", "31107"],
     "même nom, périmètre étendu en 2017"),
    ("Communauté de Communes Grisolles et Villebrumier", "200066652", ["82075", "82194"],
     "CC du Terroir de Grisolles et Villebrumier, fusionnée dans la CC Grand Sud "
     "Tarn-et-Garonne, sans Reyniès"),
    ("Communauté de Communes Millau Grands Causses", "241200567", ["12145"],
     "même communauté"),
    ("Communauté de communes Plateau de Lannemezan", "200070787", ["65258"],
     "même communauté, étendue en 2017"),
    ("Communauté de communes Saves et Garonne", "200071314", ["31232"],
     "CC Save et Garonne, siège Grenade, fusionnée en 2017 dans la CC des Hauts-Tolosans"),
    ("Communauté de Communes Ségala Carmausin", "200040905", ["81060"],
     "devenue CC Carmausin-Ségala"),
    ("Communauté urbaine du Grand Toulouse", "243100518", ["31555"],
     "devenue Toulouse Métropole"),
]

# Conseils généraux -> département (INSEE code)
MP_DEPARTEMENTS = [
    ("Conseil Général de l'Ariège", "09"),
    ("Conseil Général de l'Aveyron", "12"),
    ("Conseil Général des Hautes-Pyrénées", "65"),
    ("Conseil Général du Gers", "32"),
    ("Conseil Général du Lot", "46"),
    ("Conseil Général du Tarn", "81"),
    ("Conseil Général Haute Garonne", "31"),
]

MP_REGION = ("Conseil Régional Midi-Pyrénées", "76")

# Bodies absent from the official data set: stable local code.
# (line of the 2009 list, code, kind, name, département of seat, reason)
MP_LOCAL = [
    ("Conseil de Développement du Pays d'Autan", "PAYS-AUTAN", "PAYS",
     "Conseil de développement du Pays d'Autan", "81",
     "conseil de développement du Pays d'Autan ; département présumé : Tarn "
     "(secteur de Castres), à vérifier"),
    ("Parc Naturel Régional des Grands Causses", "PNR-GRANDS-CAUSSES", "PNR",
     "Parc naturel régional des Grands Causses", "12", "siège à Millau (Aveyron)"),
    ("Parc Naturel Régional Pyrénées Ariégeoises", "PNR-PYRENEES-ARIEGEOISES", "PNR",
     "Parc naturel régional des Pyrénées Ariégeoises", "09", "Ariège"),
    ("Pays du Val d'Adour", "PAYS-VAL-ADOUR", "PAYS",
     "Pays du Val d'Adour", "65",
     "pays à cheval sur Gers, Hautes-Pyrénées et Pyrénées-Atlantiques ; "
     "siège présumé Maubourguet (65), à vérifier"),
    ("Pays Portes d'Ariège Pyrénées", "PAYS-PORTES-ARIEGE-PYRENEES", "PAYS",
     "Pays Portes d'Ariège Pyrénées", "09",
     "Ariège ; distinct de la CC des Portes d'Ariège Pyrénées (200066231)"),
    ("Pays Pyrénées Cathares", "PAYS-PYRENEES-CATHARES", "PAYS",
     "Pays Pyrénées Cathares", "09", "Ariège (Lavelanet)"),
    ("Pays Tolosan", "PAYS-TOLOSAN", "PAYS", "Pays Tolosan", "31", "Haute-Garonne"),
    ("Syndicat mixte du Pays des Vallées des Gaves", "PAYS-VALLEES-DES-GAVES", "PAYS",
     "Pays des Vallées des Gaves", "65",
     "syndicat mixte de pays (Hautes-Pyrénées) ; distinct de la CC Pyrénées "
     "Vallées des Gaves (200070811)"),
    ("Communes Confluence Garonne du Tarn et de la Garonne",
     "PAYS-CONFLUENCE-GARONNE-TARN", "PAYS",
     "Confluence Garonne (Tarn-et-Garonne)", "82",
     "libellé 2009 ambigu, structure non identifiée (groupement de communes du "
     "Tarn-et-Garonne au confluent du Tarn et de la Garonne) ; peut-être liée à "
     "l'actuelle CC Terres des Confluences (200066322), non vérifié"),
]

# Source 2: seeds/002_*.txt, Provence-Alpes-Côte d'Azur communes selected for
# "Petites villes de demain" (CIR of 14 November 2020).
# (name as written in the article, INSEE code, official name expected, reason)
PVD_COMMUNES = [
    ("Sospel", "06136", "Sospel", None),
    ("Tende", "06163", "Tende", None),
    ("Lambesc", "13050", "Lambesc", None),
    ("La Roque d'Anthéron", "13084", "La Roque-d'Anthéron", None),
    ("Saint-Rémy de Provence", "13100", "Saint-Rémy-de-Provence", None),
    ("Saint-Martin de Crau", "13097", "Saint-Martin-de-Crau", None),
    ("Veynes", "05179", "Veynes", None),
    ("Chorges", "05040", "Chorges", None),
    ("Tallard", "05170", "Tallard", None),
    ("Embrun", "05046", "Embrun", None),
    ("Mirabeau", "84076", "Mirabeau",
     "homonyme : Mirabeau du Vaucluse (cité « dans le Vaucluse »), et non "
     "Mirabeau (04122, Alpes-de-Haute-Provence)"),
    ("Monteux", "84080", "Monteux", None),
    ("Sault", "84123", "Sault", None),
    ("L'Isle-sur-la-Sorgues", "84054", "L'Isle-sur-la-Sorgue",
     "au-dessus du seuil PVD de 20 000 habitants dans les données actuelles, "
     "bien que retenue en 2020"),
    ("Sisteron", "04209", "Sisteron", None),
    ("Forcalquier", "04088", "Forcalquier", None),
    ("Château-Arnoux", "04049", "Château-Arnoux-Saint-Auban", None),
    ("Barjols", "83012", "Barjols", None),
    ("Aups", "83007", "Aups", None),
]

# Source 3: seeds/003_*.txt, the territorial project of the Pays Midi-Quercy, whose
# worksites include its « Candidature au Label Pays d'Art et d'Histoire »: the
# candidate of the Villes et Pays d'art et d'histoire demo. A Pays/PETR is not in
# the data set, and its official SIREN was not found in the stored sources: it
# gets a local code, never a guessed number. Its member EPCI (named by the PETR
# itself, paysmidiquercy.fr, and by its SCoT letter of 2020) are checked against
# the data, and its population is the sum of theirs.
# (name in the seed, code, kind, name, département of seat, member EPCI as
#  (SIREN, official name expected), reason)
PMQ_LOCAL = [
    ("Pays Midi-Quercy", "PAYS-MIDI-QUERCY", "PAYS", "PETR du Pays Midi-Quercy", "82",
     [("248200057", "CC du Quercy Caussadais"),
      ("200066884", "CC Quercy Vert-Aveyron"),
      ("248200107", "CC du Quercy Rouergue et des Gorges de l'Aveyron")],
     "pôle d'équilibre territorial et rural (syndicat mixte du Pays, PETR depuis le "
     "1er janvier 2015), à l'est du Tarn-et-Garonne ; SIREN officiel non trouvé dans "
     "les sources conservées, code local à remplacer par le SIREN"),
]
PMQ_NOTE = LOCAL_NOTE + " ; SIREN officiel non trouvé dans les sources conservées"

# Checks required by the demo accounts (code -> population in the data set).
REQUIRED = {"12202": None, "81004": 51290, "84123": 1343, "84054": 20244}

# ---------------------------------------------------------------------------


def fail(msg):
    sys.stderr.write("error: " + msg + "\n")
    sys.exit(1)


def load(data_dir, name):
    path = os.path.join(data_dir, name)
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def departement_label(dep):
    """'Département du Tarn', using INSEE's typeLiaison (TNCC) for the article."""
    article = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'"}
    nom = dep["nom"]
    tncc = dep["typeLiaison"]
    if tncc == 2 and nom.startswith("Le "):
        nom = nom[3:]
    elif tncc == 3 and nom.startswith("La "):
        nom = nom[3:]
    elif tncc == 4 and nom.startswith("Les "):
        nom = nom[4:]
    elif tncc == 5 and nom.startswith("L'"):
        nom = nom[2:]
    return "Département " + article[tncc] + nom


def yaml_str(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def main(argv):
    data_arg = argv[1] if len(argv) > 1 else DEFAULT_DATA_DIR
    data_dir = data_arg if os.path.isabs(data_arg) else os.path.join(REPO_ROOT, data_arg)
    data_dir = os.path.normpath(data_dir)

    communes = {c["code"]: c for c in load(data_dir, "communes.json")
                if c["type"] == "commune-actuelle"}
    epcis = {e["code"]: e for e in load(data_dir, "epci.json")}
    deps = {d["code"]: d for d in load(data_dir, "departements.json")}
    regions = {r["code"]: r for r in load(data_dir, "regions.json")}

    epci_of = {}
    for e in epcis.values():
        for m in e["membres"]:
            epci_of.setdefault(m["code"], []).append(e["code"])

    def commune(code, expected_name, source):
        c = communes.get(code)
        if c is None:
            fail("%s: no current commune %s" % (source, code))
        if c["nom"] != expected_name:
            fail("%s: %s is %r, expected %r" % (source, code, c["nom"], expected_name))
        return c

    def commune_epci(code):
        found = epci_of.get(code, [])
        if len(found) != 1:
            fail("commune %s belongs to %d EPCI" % (code, len(found)))
        return found[0]

    entries = {}          # (kind, code) -> dict
    epci_notes = {}       # siren -> list of notes
    epci_members = {}     # siren -> list of commune names in this file

    def add(kind, code, **fields):
        key = (kind, code)
        if key in entries:
            fail("duplicate entry %s %s" % key)
        e = {"code": code, "kind": kind}
        e.update(fields)
        entries[key] = e
        return e

    # Communes -------------------------------------------------------------
    def add_commune(label, code, expected, reason, source, allowed_deps):
        c = commune(code, expected, label)
        if c["departement"] not in allowed_deps:
            fail("%s: %s is in département %s" % (label, code, c["departement"]))
        siren = commune_epci(code)
        note_parts = [source + " : « " + label + " »"]
        if reason:
            note_parts.append(reason)
        add("COMMUNE", code, name=c["nom"], departement=c["departement"],
            region=c["region"], population=c.get("population"),
            epci=siren, note=" ; ".join(note_parts))
        epci_members.setdefault(siren, []).append(c["nom"])

    for label, code, expected, reason in MP_COMMUNES:
        add_commune(label, code, expected, reason, "réseau Midi-Pyrénées 2009",
                    MIDI_PYRENEES_DEPS)
    for label, code, expected, reason in PVD_COMMUNES:
        add_commune(label, code, expected, reason, "Petites villes de demain 2020",
                    {"04", "05", "06", "13", "83", "84"})

    # EPCI -----------------------------------------------------------------
    for label, siren, evidence, reason in MP_EPCI:
        if siren not in epcis:
            fail("%s: no EPCI %s" % (label, siren))
        for code in evidence:
            if commune_epci(code) != siren:
                fail("%s: evidence commune %s is not in EPCI %s" % (label, code, siren))
        epci_notes.setdefault(siren, []).append("« %s » (%s)" % (label, reason))

    for siren in sorted(set(epci_notes) | set(epci_members)):
        e = epcis[siren]
        top = max(e["membres"],
                  key=lambda m: (communes[m["code"]].get("population") or 0, m["code"]))
        top_c = communes[top["code"]]
        parts = []
        if siren in epci_notes:
            parts.append("réseau Midi-Pyrénées 2009 : " + " ; ".join(epci_notes[siren]))
        if siren in epci_members:
            parts.append("intercommunalité de : " + ", ".join(epci_members[siren]))
        add("EPCI", siren, name=e["nom"], departement=top_c["departement"],
            region=top_c["region"], population=e.get("populationTotale"),
            note=" ; ".join(parts))

    # Départements, région -------------------------------------------------
    for label, dep_code in MP_DEPARTEMENTS:
        d = deps[dep_code]
        if dep_code not in MIDI_PYRENEES_DEPS:
            fail(label)
        add("DEPARTEMENT", dep_code, name=departement_label(d), departement=dep_code,
            region=d["region"],
            note="réseau Midi-Pyrénées 2009 : « %s » (conseil départemental depuis 2015)"
                 % label)

    label, reg_code = MP_REGION
    # A region's code is REG-<INSEE code> (Jalon's V20 migration): a département may share its number.
    add("REGION", "REG-" + reg_code, name="Région " + regions[reg_code]["nom"], region=reg_code,
        note="réseau Midi-Pyrénées 2009 : « %s » ; Midi-Pyrénées fait partie de la "
             "région Occitanie depuis 2016" % label)

    # Local bodies ---------------------------------------------------------
    for label, code, kind, name, dep_code, reason in MP_LOCAL:
        # The note is exactly LOCAL_NOTE; the 2009 label and the reasoning go in
        # a YAML comment above the entry (kept for reviewers, ignored by parsers).
        add(kind, code, name=name, departement=dep_code, region=deps[dep_code]["region"],
            note=LOCAL_NOTE,
            comment="réseau Midi-Pyrénées 2009 : « %s » ; %s" % (label, reason))

    for label, code, kind, name, dep_code, members, reason in PMQ_LOCAL:
        population, communes_count = 0, 0
        for siren, expected in members:
            e = epcis.get(siren)
            if e is None:
                fail("%s: no EPCI %s" % (label, siren))
            if e["nom"] != expected:
                fail("%s: EPCI %s is %r, expected %r" % (label, siren, e["nom"], expected))
            population += e["populationTotale"]
            communes_count += len(e["membres"])
        add(kind, code, name=name, departement=dep_code, region=deps[dep_code]["region"],
            population=population, note=PMQ_NOTE,
            comment="projet de territoire du Pays Midi-Quercy : « %s » (candidat Pays d'art "
                    "et d'histoire) ; %s ; %d communautés de communes membres (%d communes) ; "
                    "population : somme des leurs" % (label, reason, len(members), communes_count))

    # Checks ---------------------------------------------------------------
    for code, pop in REQUIRED.items():
        e = entries.get(("COMMUNE", code))
        if e is None:
            fail("required commune %s missing" % code)
        if pop is not None and e["population"] != pop:
            fail("commune %s population %s != %s" % (code, e["population"], pop))

    # Output ---------------------------------------------------------------
    ordered = sorted(entries.values(), key=lambda e: (KIND_ORDER.index(e["kind"]), e["code"]))
    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "# Generated by seeds/tools/generate_collectivites.py from the official data set",
        "# @etalab/decoupage-administratif 6.0.0 (Etalab; INSEE Code officiel géographique",
        "# and DGCL BANATIC), MIT licence: see src/main/resources/decoupage-administratif/LICENSE.",
        "# Sources of the selection: seeds 000 (Midi-Pyrénées network members, 2009),",
        "# 002 (Provence-Alpes-Côte d'Azur communes in Petites villes de demain, 2020) and",
        "# 003 (the Pays Midi-Quercy, candidate of Villes et Pays d'art et d'histoire).",
        "collectivites:",
    ]
    for e in ordered:
        pop = e.get("population")
        if e.get("comment"):
            lines.append("  # " + e["comment"].replace("\n", " "))
        lines.append("  - code: " + yaml_str(e["code"]))
        lines.append("    name: " + yaml_str(e["name"]))
        lines.append("    kind: " + e["kind"])
        if e["kind"] != "REGION":
            lines.append("    departement: " + yaml_str(e["departement"]))
        lines.append("    region: " + yaml_str(e["region"]))
        if pop is not None:
            lines.append("    population: %d" % pop)
        lines.append("    populationApproximate: " + ("false" if pop is not None else "true"))
        if e["kind"] == "COMMUNE":
            lines.append("    epci: " + yaml_str(e["epci"]))
        if e.get("note"):
            lines.append("    note: " + yaml_str(e["note"]))
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    counts = {}
    for e in ordered:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    sys.stdout.write("wrote %s: %d entries %s\n" % (
        os.path.relpath(OUTPUT, REPO_ROOT), len(ordered),
        ", ".join("%s=%d" % (k, counts.get(k, 0)) for k in KIND_ORDER)))


if __name__ == "__main__":
    main(sys.argv)
