"""Strike extractor: a table of wire-style sentences (written for these tests) and what each yields.

Each expected record is a weapon ("air", or "drone+rocket" for a list) and, optionally, roles to
check: an actor / target / location value must appear (case-insensitive) in the extracted field, ``None``
means the field must be empty, and ``count`` must be equal. A sentence that yields nothing expects [].
"""

from __future__ import annotations

import time

import pytest

from conflict_cli.extractors.strikes import extract
from conflict_cli.lexicons import trie
from conflict_cli.models import Document, Sentence
from conflict_cli.normalize import normalize


def run(text: str, headline: bool = False):
    norm = normalize(text)
    sent = Sentence(index=0, start=0, end=len(text), text=norm, headline=headline)
    doc = Document(id="t", text=text, norm=norm, sentences=[sent])
    return extract(sent, doc)


def weapon_key(rec) -> str:
    w = rec.weapon
    return "+".join(w) if isinstance(w, list) else str(w)


def check(text: str, expected: list[tuple[str, dict]]):
    recs = run(text)
    assert [weapon_key(r) for r in recs] == [w for w, _ in expected], [
        (weapon_key(r), r.actor, r.target, r.location, r.count) for r in recs
    ]
    for rec, (_, roles) in zip(recs, expected, strict=True):
        for name, want in roles.items():
            got = getattr(rec, name)
            if name == "count" or want is None:
                assert got == want, (name, got, want)
            else:
                assert got is not None and want.lower() in got.lower(), (name, got, want)


# --- weapons ------------------------------------------------------------------------------------
WEAPONS = [
    ("Government warplanes carried out an air strike on the rebel-held town at dawn.", [("air", {})]),
    ("Airstrikes pounded the outskirts of the city overnight, residents said.", [("air", {})]),
    ("The village was bombed from the air for the second time this week.", [("air", {})]),
    ("Aerial bombardment of the district continued on Saturday, monitors said.", [("air", {})]),
    ("A drone strike killed two commanders near the border, security sources said.", [("drone", {})]),
    ("Kamikaze drones slammed into an energy facility in the port city.", [("drone", {})]),
    ("A UAV attack set fire to a fuel depot, the regional governor said.", [("drone", {})]),
    ("A ballistic missile attack damaged the airport runway.", [("missile", {})]),
    ("Cruise missiles struck a power plant in the west of the country.", [("missile", {})]),
    ("Militants fired rockets at the military base late on Friday.", [("rocket", {})]),
    ("A rocket attack on the green zone caused no casualties, officials said.", [("rocket", {})]),
    ("Heavy shelling hit residential neighbourhoods of the besieged town.", [("artillery", {})]),
    ("Mortar fire killed three children playing outside their school.", [("artillery", {})]),
    ("Howitzer fire and tank fire continued along the front line.", [("artillery", {})]),
    ("A car bomb exploded outside a police station in the provincial capital.", [("explosive", {})]),
    ("A suicide bomber blew himself up at a crowded checkpoint.", [("explosive", {})]),
    ("A roadside IED hit a military convoy, wounding four soldiers.", [("explosive", {})]),
    ("Two shepherds were killed when they stepped on a landmine.", [("explosive", {})]),
    ("Special forces carried out a raid on a compound used by the insurgents.", [("ground", {})]),
    ("Insurgents ambushed an army patrol on the highway, killing six soldiers.", [("ground", {})]),
    ("Clashes between troops and separatist fighters left 12 dead.", [("ground", {})]),
    ("Gunmen opened fire on worshippers leaving the mosque.", [("ground", {})]),
    ("Gunmen attacked a police post in the north-west, killing two officers.", [("unspecified", {})]),
    ("Separatists launched drone and rocket attacks on the air base.", [("drone+rocket", {})]),
    ("Warplanes and artillery pounded rebel positions throughout the night.", [("air+artillery", {})]),
    ("Bombardment from the air, land and sea continued across the strip.", [("air+artillery", {})]),
    ("Troops backed by air and ground operations retook the district.", [("air+ground", {})]),
    # a barrel bomb is an explosive dropped from the air; a complex attack is a bombing plus gunmen
    ("A barrel bomb landed near the clinic entrance, killing four patients.", [("air+explosive", {})]),
    ("At least 30 soldiers were killed in a complex attack on the base.", [("explosive+ground", {})]),
    ("Troops encircled the fighters in the valley with a series of military assaults.", [("ground", {})]),
    # gunfire named by its verb; a stabbing keeps its own (unspecified) means beside another attack
    ("The shooting at the market on Sunday killed five people, police said.", [("ground", {})]),
    ("A village elder was shot dead by unknown men near the checkpoint.", [("ground", {})]),
    (
        "Six people were wounded in the stabbings; the attacker was shot and killed by a police officer.",
        [("unspecified", {}), ("ground", {"actor": "a police officer"})],
    ),
    ("A local councillor was shot and killed outside his home on Sunday, police said.", [("ground", {})]),
    ("The army blamed the militia for massacring 40 villagers near the river.", [("unspecified", {})]),
    ("Two gunmen drove the van to the checkpoint before detonating it.", [("explosive", {})]),
    # a time phrase does not reach past "and" to a new attack verb
    (
        "Three gunmen stormed the gate right after the blast and shot at the guards before being killed in the clashes.",
        [("ground", {"target": "the gate"}), ("unspecified", {"target": "the guards"})],
    ),
    # a killing by gunfire names its weapon without any other cue; chemical attacks stay unspecified;
    # "bombarded" is an attack verb
    ("A teenager was shot dead near the settlement gate on Friday.", [("ground", {})]),
    ("Government forces carried out a chemical attack on the town, killing dozens.", [("unspecified", {})]),
    ("Warplanes bombarded the old quarter of the city overnight.", [("air", {})]),
    # "bombing" as a verb with an object drops bombs from the air
    ("Coalition jets began bombing militant positions in the valley on Monday.", [("air", {})]),
    # weapons of current wars: glide bombs, sniper fire, quadcopters and loitering munitions, named missiles
    ("A glide bomb hit a supermarket in the city centre, the governor said.", [("air", {"target": "a supermarket"})]),
    ("Sniper fire killed two men near the hospital gate on Tuesday.", [("ground", {})]),
    ("A loitering munition hit a fuel truck near the border crossing.", [("drone", {})]),
    ("Russia launched Kalibr missiles at the port overnight.", [("missile", {"actor": "Russia", "location": None})]),
    # a claimed attack's claimant is its actor
    ("The rebels claimed a drone attack on an oil depot in the port.", [("drone", {"actor": "The rebels"})]),
    # the speaker of "X said it had killed ... in air strikes" is the actor
    ("The army said it had killed 30 militants in air strikes on their hideouts.", [("air", {"actor": "The army"})]),
    # an ordinal "such" attack; a condemned attack with its toll; a second attack with its own verb after a
    # time phrase; "drew" ends the target
    ("It was the third such attack on the base this month.", [("unspecified", {"target": "the base"})]),
    ("The UN condemned the strike on the hospital, which killed 12 patients.", [("unspecified", {})]),
    (
        "A strike on a house in the camp killed six, medics said, hours after another strike on a school killed 15.",
        [("unspecified", {"target": "a house"}), ("unspecified", {"target": "a school"})],
    ),
    ("The strike on the hospital drew condemnation from aid groups.", [("unspecified", {"target": "the hospital"})]),
    # present-tense and casualty verbs deliver a weapon; battles; targeted killings
    ("Dozens of shells land on the old city and wound three children.", [("artillery", {})]),
    ("Rockets wounded six civilians in the market on Monday.", [("rocket", {})]),
    ("Warplanes target the northern countryside for a third day.", [("air", {})]),
    ("US troops battled militants in the old city on Tuesday.", [("ground", {})]),
    ("Fierce battles between the army and the rebels raged near the airport.", [("ground", {})]),
    ("Gunmen assassinated a provincial judge outside his home.", [("unspecified", {"target": "a provincial judge"})]),
    ("Mayor Assassinated in North; Car Bomb Kills 10 in Capital.", [("unspecified", {}), ("explosive", {})]),
    # damage is a conflict cue for an ambiguous attack word
    ("Four shops on the square were damaged as a result of the strike.", [("unspecified", {})]),
    # the verb "targets" is an attack word (the noun is not: see test_noun_targets_is_no_attack_word)
    ("Unknown gunmen targets a patrol near the bridge, killing two.", [("unspecified", {"target": "a patrol"})]),
    # a "separate" attack of the same weapon stays a record of its own (a definite mention with no role of its
    # own, "killed in the clashes", repeats the attack: see the row "Three gunmen stormed the gate ...")
    (
        "Troops fought a gunbattle with rebels in the market, and two soldiers died in separate clashes.",
        [("ground", {}), ("ground", {})],
    ),
    # an armed prison break, its author after "attempt by", beside a shootout
    (
        "Four guards were killed in a jailbreak attempt by rebel inmates and a gunfight went on with police.",
        [("unspecified", {"actor": "rebel inmates"}), ("ground", {})],
    ),
]

# --- roles --------------------------------------------------------------------------------------
ROLES = [
    # the subject before "backed by <weapons>"; a headline's present-tense "raid"; a thrown bomb;
    # a known armed group before the attack word
    (
        "Army units backed by tanks and helicopters attacked three rebel camps near the lake on Sunday.",
        [("artillery", {"actor": "Army units"})],
    ),
    ("Kenyan troops raid two militant hideouts near the border.", [("ground", {"actor": "Kenyan troops"})]),
    ("Police raided a safe house in the town, killing two gunmen.", [("ground", {"actor": "Police"})]),
    # a fact about an attack referred back to: its force
    ("The suicide bombing was so powerful that it was heard across the city.", [("explosive", {})]),
    # an accusation outside a court is a report; "used" inside "accused" is no verb of its own
    ("The army accused the rebels of shelling the town on Monday.", [("artillery", {"actor": "the rebels"})]),
    (
        "Prosecutors said the man was charged with murder after a car bomb killed four people.",
        [("explosive", {"target": "people"})],
    ),
    ("A man on a motorbike threw two grenades into the crowded bus station.", [("explosive", {"actor": "A man"})]),
    ("The Hamas rocket attack hit a kibbutz near the fence.", [("rocket", {"actor": "Hamas"})]),
    # a fronted place after a time phrase or "And"; "left" ends a place
    (
        "Over the past week in Homs, government jets have carried out dozens of air strikes.",
        [("air", {"location": "Homs"})],
    ),
    (
        "And in the village of Kafr Nabl, an air strike hit a bakery, killing five.",
        [("air", {"location": "Kafr Nabl", "target": "a bakery"})],
    ),
    # victims with an "of" phrase; a singular officer; the object of "demolished"
    (
        "More than 40 members of the presidential guard were killed in the suicide bombing.",
        [("explosive", {"target": "members of the presidential guard"})],
    ),
    ("A retired general was killed in a roadside bombing outside the city.", [("explosive", {"target": "general"})]),
    (
        "Officials said air strikes that demolished homes in the village killed at least 12 people.",
        [("air", {"target": "homes"})],
    ),
    (
        "A car bomb in the northern province of Kunduz left six policemen dead.",
        [("explosive", {"location": "Kunduz", "target": "policemen"})],
    ),
    (
        "Turkish air strikes hit Kurdish militant positions in northern Iraq on Tuesday.",
        [("air", {"actor": "Turkish", "target": "Kurdish militant positions", "location": "northern Iraq"})],
    ),
    (
        "Government artillery shelled villages all over the eastern Ghouta region overnight, residents said.",
        [("artillery", {"target": "villages", "location": "eastern Ghouta region"})],
    ),
    (
        "Heavy shelling was reported southwest of Kandahar city on Friday.",
        [("artillery", {"location": "Kandahar"})],
    ),
    (
        "Israeli air strikes killed five people in the southern Lebanese town of Bint Jbeil.",
        [("air", {"actor": "Israeli", "target": "people", "location": "Bint Jbeil"})],
    ),
    (
        "The Saudi-led coalition carried out three air strikes against Houthi positions in Hodeidah.",
        [("air", {"actor": "Saudi-led coalition", "target": "Houthi positions", "location": "Hodeidah", "count": 3})],
    ),
    (
        "Ukraine carried out a drone attack on an oil refinery in the Bryansk region.",
        [("drone", {"actor": "Ukraine", "target": "an oil refinery", "location": "Bryansk region"})],
    ),
    (
        "Soldiers were wounded in a rocket attack by Iran-backed militias near the airport.",
        [("rocket", {"actor": "Iran-backed militias"})],
    ),
    (
        "A hospital in Kherson was hit by Russian shelling on Monday morning.",
        [("artillery", {"actor": "Russian"})],
    ),
    (
        "The positions of the border guards were attacked twice overnight.",
        [("unspecified", {"target": "The positions of the border guards", "actor": None})],
    ),
    (
        "An artillery strike on a market in Donetsk killed at least 20 civilians.",
        [("artillery", {"target": "a market", "location": "Donetsk"})],
    ),
    (
        "Pakistani forces shelled villages across the Line of Control, officials said.",
        [("artillery", {"actor": "Pakistani forces", "target": "villages"})],
    ),
    (
        "Al-Shabaab militants stormed a hotel in the capital late on Friday.",
        [("ground", {"actor": "Al-Shabaab militants", "target": "a hotel"})],
    ),
    (
        "Two soldiers were killed in an exchange of fire with insurgents in Kunar province.",
        [("ground", {"actor": "insurgents", "location": "Kunar province"})],
    ),
    (
        "Russian forces fired cruise missiles at Odesa, the regional governor said.",
        [("missile", {"actor": "Russian forces", "target": "Odesa"})],
    ),
    (
        "Ethiopian drone strikes in the Amhara region killed 30 people, witnesses said.",
        [("drone", {"actor": "Ethiopian", "location": "Amhara region"})],
    ),
    (
        "The air strike by the Sudanese army destroyed a market near El Obeid.",
        [("air", {"actor": "the Sudanese army", "location": "El Obeid"})],
    ),
    (
        "The United States conducted two airstrikes against Islamic State fighters in eastern Syria.",
        [("air", {"actor": "The United States", "target": "Islamic State fighters", "count": 2})],
    ),
    (
        "Houthi forces launched a missile strike on a government base in Marib province.",
        [("missile", {"actor": "Houthi forces", "target": "a government base", "location": "Marib province"})],
    ),
    (
        "A bomb attack on a bus in Quetta killed nine passengers.",
        [("explosive", {"target": "a bus", "location": "Quetta"})],
    ),
    (
        "Boko Haram fighters raided a village in Borno state, burning homes.",
        [("ground", {"actor": "Boko Haram fighters", "target": "a village", "location": "Borno state"})],
    ),
    (
        "Syria's army shelled rebel-held areas of Idlib province.",
        [("artillery", {"actor": "Syria's army", "target": "rebel-held areas"})],
    ),
    (
        "Myanmar military air strikes on a monastery killed at least 12 people.",
        [("air", {"actor": "Myanmar military", "target": "a monastery"})],
    ),
    (
        "A U.S. drone strike in Somalia killed a senior al-Shabaab commander.",
        [("drone", {"actor": "U.S.", "location": "Somalia"})],
    ),
    (
        "Seven soldiers were killed when their vehicle hit a roadside bomb in Balochistan.",
        [("explosive", {"actor": None, "target": "their vehicle", "location": "Balochistan"})],
    ),
    (
        "Officials said the strike was carried out by a U.S. MQ-9 Reaper drone.",
        [("drone", {"actor": "U.S."})],
    ),
    (
        "The army blamed separatist rebels for an attack on a checkpoint in the Anglophone region.",
        [("unspecified", {"actor": "separatist rebels", "target": "a checkpoint"})],
    ),
    (
        "The ministry blamed insurgents for attacks on police stations in the north.",
        [("unspecified", {"actor": "insurgents", "target": "police stations"})],
    ),
]

# --- counts -------------------------------------------------------------------------------------
COUNTS = [
    ("The coalition said it carried out 14 air strikes near Raqqa over the weekend.", [("air", {"count": 14})]),
    ("The base was struck four times in the past 24 hours, the ministry said.", [("unspecified", {"count": 4})]),
    ("US troops have been attacked at least 60 times by Iran-backed militias.", [("unspecified", {"count": 60})]),
    ("Israeli jets launched a wave of 40 raids across southern Lebanon.", [("air+ground", {"count": 40})]),
    ("Russia fired 30 missiles at Ukrainian cities overnight.", [("missile", {"count": None})]),
    ("A second air strike hit the same convoy an hour later.", [("air", {"count": None})]),
    ("Two car bombs exploded near the ministry, killing 15 people.", [("explosive", {"count": 2})]),
]

# --- two attacks in one sentence ----------------------------------------------------------------
TWO = [
    (
        "Russian jets bombed rebel positions in Idlib and Turkish artillery shelled Kurdish fighters near Afrin.",
        [("air", {"actor": "Russian"}), ("artillery", {"actor": "Turkish", "target": "Kurdish fighters"})],
    ),
    (
        "Rebels launched mortar attacks on the airport while government warplanes bombed their supply lines.",
        [("artillery", {"target": "the airport"}), ("air", {"target": "their supply lines"})],
    ),
    (
        # a service dog among the wounded is no animal attack; a raid and a blast in one sentence stay two
        "Three soldiers and a service dog were wounded in a raid when the wanted man set off an explosion.",
        [("ground", {}), ("explosive", {})],
    ),
    (
        # a launch verb far before its weapon; "in response to" starts the second attack
        "The militia has launched a home-made long-range (Comet-2) ballistic missile toward the port in "
        "response to the coalition's deadly air strikes against the city.",
        [("missile", {}), ("air", {"target": "the city"})],
    ),
    (
        "The militia has carried out drone strikes and stormed several villages in the valley.",
        [("drone", {}), ("ground", {"target": "several villages"})],
    ),
]

# --- not strikes --------------------------------------------------------------------------------
TRAPS = [
    ("Rail workers will strike on Thursday in a dispute over pay.", []),
    ("Thousands of teachers went on strike across the country on Monday.", []),
    ("The union said the strike would cost the airline millions.", []),
    ("Prisoners began a hunger strike to protest their detention.", []),
    ("The striker scored a stunning goal from outside the box.", []),
    ("She bowled a strike in the final frame to win the championship.", []),
    ("A lightning strike set fire to a barn in the valley.", []),
    ("The two parties struck a deal on the budget late on Friday.", []),
    ("The minister said the plan would strike a balance between security and freedom.", []),
    ("A powerful earthquake struck the region, killing hundreds of people.", []),
    ("The bus was hit by a truck on the highway, killing nine passengers.", []),
    ("More strikes could follow if the attacks continue, the defence secretary said.", []),
    ("The government denied shelling civilian areas near the border.", []),
    ("The ministry denied that its forces had shelled the hospital.", []),
    ("The army denied the claims, but a monitor said air strikes killed 20 people.", [("air", {})]),
    ("The army threatened to launch air strikes against the rebel stronghold.", []),
    ("The rebels vowed to escalate attacks in the coming weeks.", []),
    ("Officials warned of a surge in attacks ahead of the election.", []),
    ("Residents heard loud explosions across the city late on Sunday.", []),
    ("Air defences intercepted the missiles over the capital, the air force said.", []),
    ("The president suffered a heart attack and was taken to hospital.", []),
    ("Hackers launched a cyberattack on the bank's servers.", []),
    ("Prices of fuel hit a record high on Monday.", []),
    ("The opposition leader attacked the government's economic record in parliament.", []),
    ("The quake hit the mountainous region at a depth of 10 km.", []),
    ("Floods hit several districts after days of heavy rain.", []),
    ("Minutes after the blast, police sealed off the area.", []),
    ("Officials condemned the attack in the strongest terms.", []),
    ("The group remains able to conduct operations across the region.", []),
    ("Nearly 200 drones were shot down overnight, the ministry said.", []),
    # the object of a charge in court
    ("Prosecutors have accused the 28-year-old U.S. citizen of setting off an explosion downtown.", []),
    ("A military court indicted two men over the bombing of a shrine in the capital.", []),
    # a police search is no attack (a raid by troops or with a shootout is: see the shapes above)
    ("Detectives raided the homes of three suspects on Tuesday and seized computers.", []),
    ("He was arrested at one of two flats police raided in the capital.", []),
    # attacks in general, blame, pictures and time phrases name no attack of their own
    ("The minister urged the clerics to discourage young men from joining similar attacks.", []),
    ("Guards were told to look for signs of an impending attack at the gates.", []),
    ("Police arrested two men blamed for the attack, the spokesman said.", []),
    ("The archbishop assailed the assault on civilians in his sermon.", []),
    ("A video purporting to show the explosion spread quickly online.", []),
    ("Convoys left the city on the second day of the assault to retake it.", []),
    ("The governor used the opportunity to attack the prime minister over the budget.", []),
]

# --- an armed group killing people, no attack word --------------------------------------------
ARMED = [
    ("Gunmen killed 12 villagers in Zamfara state on Sunday.", [("unspecified", {"actor": "Gunmen"})]),
    ("Twenty farmers were killed by bandits in the northwest.", [("unspecified", {"actor": "bandits"})]),
    ("Suspected separatist rebels shot dead six people, police said.", [("unspecified", {"actor": "rebels"})]),
    ("Three militants killed in clash with troops.", [("ground", {})]),
    ("Four militants were killed by security forces, the army said.", []),
]

# --- known misses ------------------------------------------------------------------------------
KNOWN_MISSES = [
    # a state force killing people with no attack word is not read as an attack yet
    ("The army killed 22 insurgents in the Tillaberi region overnight.", [("unspecified", {})]),
    # a country noun before "missile strike" reads as the actor, but here it is the place
    ("Ukraine missile strike kills three in Kharkiv.", [("missile", {"location": "Ukraine"})]),
]


@pytest.mark.parametrize(("text", "expected"), WEAPONS)
def test_weapons(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_roles(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), TWO)
def test_two_attacks(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), ARMED)
def test_armed_groups(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), TRAPS)
def test_traps(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES)
@pytest.mark.xfail(strict=True, reason="known miss")
def test_known_misses(text, expected):
    check(text, expected)


def test_trigger_and_rule_are_set():
    (rec,) = run("Israeli air strikes hit a school in Gaza City.")
    assert rec.trigger and "air strikes" in rec.trigger.lower()
    assert rec.rule and rec.rule.startswith("safe:")


def test_generic_word_is_marked_for_the_resolver():
    (rec,) = run("The strike on the convoy killed four fighters, the monitor said.")
    assert rec.weapon == "unspecified"
    assert rec.rule.endswith(":generic-strike")


def test_resolver_gives_generic_strike_the_article_weapon():
    from conflict_cli.models import Strike
    from conflict_cli.resolve.weapons import resolve

    doc = Document(id="t", text="x" * 200, norm="x" * 200)
    a = Strike(weapon="drone", sentence=0, start=0, end=50, rule="safe:drone strike")
    b = Strike(weapon="unspecified", sentence=3, start=100, end=150, rule="ambiguous:strike:generic-strike")
    c = Strike(weapon="unspecified", sentence=4, start=150, end=200, actor="gunmen", rule="x:attack:generic-attack")
    resolve(doc, [a, b, c], None)
    assert b.weapon == "drone"
    assert c.weapon == "unspecified"


def test_hostile_input_is_fast():
    text = ("strike " * 20000 + "the the the " * 20000 + "in Aaaa " * 20000)[:1_000_000]
    start = time.perf_counter()
    run(text)
    assert time.perf_counter() - start < 10.0


# --- back-references: "the blast" counts only when the sentence states a fact about it --------------

_CONTEXT = (
    "A suicide bomber blew himself up at a police checkpoint in the provincial capital on Tuesday. "
    "A car bomb exploded near the governor's office an hour later, officials said. "
)


def run_in_article(text: str):
    """The records of ``text`` read as the last sentence(s) of an article that reports two bombings."""
    from conflict_cli.split import split

    full = _CONTEXT + text
    norm = normalize(full)
    doc = Document(id="ctx", text=full, norm=norm, sentences=split(norm))
    # the sentence(s) of ``text``: a heading glued to it ("... SuspectA court jailed") is split off
    mine = [s for s in doc.sentences if s.start >= len(_CONTEXT)]
    assert mine and mine[0].text.strip().startswith(text[:20])
    return [r for s in mine for r in extract(s, doc)]


PASSING = [
    "Firefighters rushed to the scene of the blast within minutes.",
    "A shopkeeper who lost a leg in the bombing told reporters he would reopen next week.",
    "Investigators are still trying to establish the cause of the explosion.",
    "Police said they had arrested a second man in connection with the attack.",
    "The militant group claimed responsibility for the attack in a statement.",
    "A video purporting to show the explosion was shared widely online.",
    "Prosecutors told the jury the defendant had built the bombs in his garage.",
    "After the explosion, residents said, the street fell silent.",
    "The mother of a teacher who was killed in the attack spoke outside the court.",
    "The rebels have ramped up their attacks on army posts in recent months.",
    # a bare weapon or blast noun with no fact stated about it
    "Loud explosions echoed across the valley for much of the evening.",
    "The devices found in the second town were pipe bombs, the mayor said.",
    # the attack word names a legal case; a date's commas do not end a time phrase; a claim of authorship
    "A judge jailed a cousin of the market bombing suspect for lying to detectives.",
    "Court Jails Friend of Market Bombing SuspectA court jailed a man on Tuesday for hiding evidence.",
    "Police said two days after the March 4, 2019, bombing, the suspect left the country.",
    "The group took credit for the attack on Friday reportedly carried out by a teenage recruit.",
    # habits, attacks in general, guarding against attacks
    "Officials say about a dozen police are killed every day in attacks across the province.",
    "Manuals for building such bombs circulate widely on the internet.",
    "Guards were trained in the early detection and prevention of an attack.",
    "Officials say about a dozen police are killed every day in attacks and clashes across the province.",
    # blame A on B names no target; a victim in a relative clause; economic "hit by"
    "In the confusion after the attack, some blamed the attack on a rival faction.",
    "Amina Yusuf, the sister of a driver who was killed in the bombing, was the first to speak.",
    "Omar Said, whose 12-year-old son, Ali, was among those killed in the attack, said he wanted answers.",
    "Border towns hit by the decision to close the crossing warned of hardship, troops said.",
    "The old barracks square is overrun with tourists and pigeons every summer.",
    # an attack word modifying another noun; a condition over its whole clause
    "The army bomb squad removed a suspicious bag from the station on Friday.",
    "The ministry ordered six new attack helicopters for the border forces.",
    "Police found IED components and wiring in the rented flat, troops said.",
    "The envoy said the truce would collapse unless the number of rebel rocket attacks fell sharply.",
    # long-ago attacks, protests, aftermath, inquiries, capabilities, a foiled plot described at length
    "Veterans gathered on Sunday, 80 years after the doomed cavalry assault on the guns.",
    "Traders shut their shops to protest the grenade attack on the market, police said.",
    "Crews cleared rubble on Monday in the aftermath of the army's ten-day offensive.",
    "Parliament will open an inquiry into the school massacre, the speaker said.",
    "The general warned that his missiles can hit any city in the region.",
    "A bomb attack believed to be aimed at the central court seems to have been foiled by the arrests.",
    '"This appears to be a deliberate attack on the clinic," the charity\'s director said.',
    "Fighter jets forced the airliner to land in a neighbouring country after a bomb alert.",
    "No group has claimed responsibility for the recent attacks, the governor said.",
    # a bomb that did not go off; the remains of one; an hour after a blast
    "He also left a second bomb at the station that did not go off, prosecutors said.",
    "The remains of a pressure cooker bomb lay on the pavement.",
    "Less than an hour after the bombs went off, the suspect was seen at a shop.",
    "Army engineers defused an unexploded wartime bomb found on a building site.",
    "A roadside bomb was defused by army engineers near the checkpoint, police said.",
]

STATED = [
    ("The blast killed at least four people and damaged nearby shops.", "explosive"),
    ("The attack on the checkpoint was carried out by two gunmen.", "unspecified"),
    ("Three shops were destroyed in the explosion, a witness said.", "explosive"),
    ("The bombing, the deadliest this year, is the second to hit the city this month.", "explosive"),
    ("In the deadliest attack on Tuesday in the market town, 12 people lost their lives.", "unspecified"),
    ("Witnesses said a drone circled the market before dropping bombs.", "drone"),
    ("Explosions occurred at two fuel depots on the edge of the town.", "explosive"),
    # a responsibility claim that states the target and the toll
    ("The group claimed responsibility for an attack on a border post late on Sunday, killing four.", "unspecified"),
    # the victims of an attack and the limbs it cost are facts about it; a new attack inside "a week after"
    ("Women and children were among the victims of the attack.", "unspecified"),
    ("Two guards lost their legs as a result of the bombing.", "explosive"),
    ("The inquiry came less than a week after a U.S. drone strike killed nine farmers.", "drone"),
    ("A day after a mortar round killed a woman in the village, troops entered the camp.", "artillery"),
    # the purpose of an attack is a fact about it
    ("The airstrike was in support of local army units.", "air"),
    # ongoing fighting reported with its verb; the object of a launch verb
    ("Clashes continued in the eastern districts of the city late into the night.", "ground"),
    (
        "Warplanes carry out the first massacre since the start of the truce in the hill town, killing and wounding 40.",
        "air",
    ),
    # a defining copula; a new attack with its own verb inside a time phrase; a count of "such" attacks
    ("The Harbour Street bombing was a terrorist attack on a crowded bar in 1983 which killed 9.", "explosive"),
    ("The market blast came two hours after a pipe bomb exploded in a car park, police said.", "explosive"),
    ("There have been close to 40 such attacks on the border posts since March.", "unspecified"),
]


@pytest.mark.parametrize("text", PASSING)
def test_passing_mentions_are_not_strikes(text):
    assert run_in_article(text) == [], [(r.weapon, r.rule) for r in run_in_article(text)]


@pytest.mark.parametrize(("text", "weapon"), STATED)
def test_back_reference_with_a_fact_is_a_strike(text, weapon):
    recs = run_in_article(text)
    assert [weapon_key(r) for r in recs] == [weapon], [(r.weapon, r.rule) for r in recs]


# --- role shapes ----------------------------------------------------------------------------------

ROLE_SHAPES = [
    # a place phrase ends where the name ends
    (
        "A roadside bomb exploded in Lashkar Gah also wounding two police officers.",
        [("explosive", {"location": "Lashkar Gah"})],
    ),
    (
        "Rebels attacked an army post in Maban the same night, killing three soldiers.",
        [("unspecified", {"location": "Maban"})],
    ),
    (
        "Artillery shelling killed two people in the village of Kordo in Sennar State on Monday.",
        [("artillery", {"location": "the village of Kordo in Sennar State"})],
    ),
    (
        "A car bomb exploded outside a hotel in the capital, Mogadishu, on Sunday, killing five people.",
        [("explosive", {"location": "Mogadishu"})],
    ),
    # a platform is an actor's support, not its head
    (
        "Government troops backed by attack helicopters raided a rebel camp near Beni on Sunday.",
        [("ground", {"actor": "Government troops"})],
    ),
    (
        "Militant gunmen and suicide bombers attacked a police academy in the east, killing 15.",
        [("explosive", {"actor": "suicide bombers"})],
    ),
    # "set off" a bomb gives its subject as actor; "detonated under" gives the target
    (
        "Insurgent fighters set off a car bomb outside a provincial council building, killing six.",
        [("explosive", {"actor": "Insurgent fighters"})],
    ),
    (
        "A roadside bomb detonated under a convoy of army trucks near Mosul, killing two soldiers.",
        [("explosive", {"target": "a convoy of army trucks"})],
    ),
    # a shooting with its shooter named
    (
        "A teenager was shot dead by border police near the fence on Friday, medics said.",
        [("ground", {"actor": "border police", "target": "A teenager"})],
    ),
    (
        "The attacker was shot and killed by an off-duty officer inside the station.",
        [("ground", {"actor": "an off-duty officer", "target": "The attacker"})],
    ),
    # an armed group killing "at least" N is still the actor
    (
        "Gunmen killed at least nine villagers in an overnight raid, local officials said.",
        [("ground", {"actor": "Gunmen"})],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_SHAPES)
def test_role_shapes(text, expected):
    check(text, expected)


# The fast paths of the strike extractor must give what the patterns they stand in for give.
_WALK_TEXTS = [
    "an air strike hit the town",
    "air  strikes\tand air\nraids were reported",
    "the air-strike on the air base; air strikes_ continued",
    "a drone strike, drone strikes and a drone\u00a0attack",
    "car bomb car bombs car-bomb suicide car bombing",
    "shelling shelled opened fire opened  fire at",
]


def test_phrase_walk_matches_compiled_tree():
    """A phrase key is first matched by walking its surfaces (no compiled tree): same ends as the tree."""
    import re

    from conflict_cli.extractors import strikes as s

    rx = s._rx()
    checked = 0
    for name in ("triggers", "conflict_lc", "not_conflict_lc", "irrealis", "trend", "aside", "delivery"):
        phrases = rx[name]
        for key, surfaces in phrases._surfaces.items():
            if len(surfaces) == 1 and key in surfaces:
                continue
            tree = re.compile("(?:" + trie(surfaces) + r")(?![\w-])")
            texts = [*_WALK_TEXTS, *(" ".join(surfaces) + " " + x for x in ("", "-", "s", "\t."))]
            for t in texts:
                t = t.lower()
                p = t.find(key)
                while p >= 0:
                    m = tree.match(t, p)
                    assert phrases._walk(t, p, key) == (m.end() if m else -1), (name, key, t[p : p + 40])
                    checked += 1
                    p = t.find(key, p + 1)
    assert checked > 100


def test_phrase_spans_match_the_whole_tree():
    """``_Phrases.spans`` (which skips a key none of whose surfaces can be complete in the text) finds
    what ``finditer`` of the whole prefix tree finds, on texts made of the surfaces, cut and mixed."""
    import re

    from conflict_cli.extractors import strikes as s

    rx = s._rx()
    checked = 0
    for name in ("triggers", "conflict_lc", "not_conflict_lc", "irrealis", "trend", "aside", "delivery"):
        phrases = rx[name]
        surfaces = sorted({x for v in phrases._surfaces.values() for x in v})
        tree = re.compile(r"(?<![\w-])(?:" + trie(surfaces) + r")(?![\w-])")
        texts = [t.lower() for t in _WALK_TEXTS]
        for x in surfaces:
            words = x.split()
            texts += [x, "the " + x + ".", " ".join(words[:-1]) + " and", words[0] + "  " + " ".join(words[1:]) + "s"]
            texts.append(words[0] + " x " + " ".join(reversed(words)) + " é " + x.replace(" ", "\t"))
        texts.append(" ".join(surfaces))
        for t in texts:
            want = [m.span() for m in tree.finditer(t)]
            assert phrases.spans(t) == want, (name, t[:80])
            assert phrases.spans(t, runs=s._runs(t)) == want, (name, t[:80])
            checked += 1
    assert checked > 1000


_CASE_TEXTS = [
    "Russian Forces Carried Out Two Air Strikes On Kharkiv While Officials SAID the attack, WHICH hit a school",
    "The militants Launched several new drone attacks - rebels said; Near Aleppo, AS the army FIRED shells",
    "In Gaza on Monday, Israeli jets struck a house killing 12, according to the ministry, THE blast Killed two",
    "He was Told that the US had set off a car bomb outside the Embassy.Three others DIED. Said Ahmed, Monday",
    "insaid toldx saidx xsaid Kills killING Near-by outside-in X.Y. a - b -- c : d",
]


def test_lower_case_fast_paths_match_the_patterns_they_replace():
    """On a plain sentence a lower-cased pattern run by ``re`` on the lower-cased copy finds what the
    IGNORECASE pattern finds in the sentence; the prefix-tree and literal-first rewrites match at the
    same places as the alternations they stand in for."""
    import re

    import regex

    from conflict_cli.extractors import strikes as s

    plain = s._rx_plain()
    texts = [t[i:] for t in _CASE_TEXTS for i in range(0, len(t), 7)]
    for name in ("clause_break", "verb_before", "stop", "fact_after"):
        pattern, flags = s._PATTERNS[name]
        slow = regex.compile(pattern, flags)
        fast = plain[name + "_lc"]
        for t in texts:
            assert [m.span() for m in slow.finditer(t)] == [m.span() for m in fast.finditer(t.lower())], (name, t)
            assert bool(slow.search(t)) == bool(fast.search(t.lower()))
    words = "|".join(s._LOC_STOP_WORDS)
    stop_pattern = s._PATTERNS["loc_stop"][0]()
    old_stop = re.compile(r"\s(?i:" + words + r")\b" + stop_pattern[stop_pattern.index(r")\b|") + 3 :])
    new_stop = plain["loc_stop"]
    old_end = re.compile(r",\s+(?:which|said)\b|\b(?:said|says|told)\b|;")
    new_end = re.compile(r",\s+(?:which|said)\b|s(?<!\w.)(?:aid|ays)\b|t(?<!\w.)old\b|;")
    for t in texts:
        for i in range(len(t)):
            a, b = old_stop.search(t, i), new_stop.search(t, i)
            assert a.start() == b.start(), (t, i)
            a, b = old_end.search(t[i:]), new_end.search(t[i:])
            assert (a and a.span()) == (b and b.span()), (t, i)


def test_need_cache_reset_mid_stream_changes_nothing():
    """The per-run cache of need words is bounded; emptying it must not change any sentence's output."""
    from conflict_cli import extract_text
    from conflict_cli.extractors import strikes

    known = "Russian forces fired three missiles at a power plant in Kharkiv on Monday, the governor said."
    text = "Russian forces fired three missiles at a power plant in Kharkiv on Monday, the qwzx governor said."

    def roles():
        return [
            (r["weapon"], r["actor"], r["target"], r["location"]) for r in extract_text(text) if r["type"] == "strike"
        ]

    strikes._RUNS_SEEN.clear()
    strikes._RUN_BITS.clear()
    want = roles()
    assert want and want[0][3] == "Kharkiv"
    strikes._RUNS_SEEN.clear()
    strikes._RUN_BITS.clear()
    try:
        extract_text(known)  # every run of the sentence but one is now known
        strikes._RUNS_SEEN.update(f"filler{i}" for i in range(100_000))  # full: the new run empties it
        assert roles() == want
    finally:
        strikes._RUNS_SEEN.clear()
        strikes._RUN_BITS.clear()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("This is another brutal attack by the rebels on civilian targets, the minister said.", "attack"),
        ("Artillery shelled military targets in the north, the army said.", "Artillery shelled"),
    ],
)
def test_noun_targets_is_no_attack_word(text, trigger):
    # the noun "targets" joins no attack chain (its trigger text would mark the record as plural)
    assert [r.trigger for r in run(text)] == [trigger]
