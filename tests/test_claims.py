"""The claim extractor and the pronoun-speaker resolver, on sentences written in wire style."""

from __future__ import annotations

import time

import pytest

from conflict_cli.extractors import claims
from conflict_cli.lexicons import trie
from conflict_cli.models import Claim, Document, Sentence
from conflict_cli.pipeline import analyze
from conflict_cli.settings import Settings


def run(text: str, headline: bool = False) -> list[Claim]:
    sent = Sentence(index=0, start=0, end=len(text), text=text, headline=headline)
    return claims.extract(sent, Document(id="t", text=text, sentences=[sent]))


def one(text: str, headline: bool = False) -> Claim:
    out = run(text, headline)
    assert len(out) == 1, out
    return out[0]


# (sentence, speaker, verb, via)
SHAPES = [
    # X said ...
    ("The interior ministry said 14 people were killed in the blast.", "The interior ministry", "said", None),
    (
        "Provincial police chief Amir Hassan said the attackers fled on motorbikes.",
        "Provincial police chief Amir Hassan",
        "said",
        None,
    ),
    ("Local officials say the town has been without power for a week.", "Local officials", "said", None),
    ("The rebel alliance has also said it will not withdraw from the highway.", "The rebel alliance", "said", None),
    ("Aid workers on Tuesday said convoys were blocked at the crossing.", "Aid workers", "said", None),
    ("Residents in Tal Abyad said that mortar rounds fell near the market.", "Residents in Tal Abyad", "said", None),
    (
        "The country's defence minister on Friday said the operation would continue.",
        "The country's defence minister",
        "said",
        None,
    ),
    (
        "Ukraine's General Staff said its forces repelled 40 assaults overnight.",
        "Ukraine's General Staff",
        "said",
        None,
    ),
    # ..., X said
    ("Two soldiers were wounded in the ambush, the army said.", "the army", "said", None),
    ("The convoy was hit near the border, security sources said on Sunday.", "security sources", "said", None),
    (
        "At least nine people died in the fire, a hospital official said, adding that the toll could rise.",
        "a hospital official",
        "said",
        None,
    ),
    (
        "The drone struck a fuel depot overnight, regional governor Oleg Marchenko said.",
        "regional governor Oleg Marchenko",
        "said",
        None,
    ),
    ("The shelling continued until dawn, witnesses said.", "witnesses", "said", None),
    # said X
    ("Nobody has claimed the attack, said Colonel Idris Musa, a police spokesman.", "Colonel Idris Musa", "said", None),
    (
        "The camp is running out of water, said one of the relief workers, citing local staff.",
        "one of the relief workers",
        "said",
        None,
    ),
    # X, a spokesman for Y, said
    ("Ahmed Yusuf, a spokesman for the regional government, said the roads were closed.", "Ahmed Yusuf", "said", None),
    ("Maria Lopez, 34, said her house was destroyed.", "Maria Lopez", "said", None),
    (
        "The Civil Defence Directorate, which runs rescue teams, said three buildings collapsed.",
        "The Civil Defence Directorate",
        "said",
        None,
    ),
    (
        "The spokesman for the ruling council, Brigadier General Omar Bashir, said the talks had failed.",
        "Brigadier General Omar Bashir",
        "said",
        None,
    ),
    # titles kept with the name
    (
        "Defence Secretary Ben Wallace confirmed the deployment on Thursday.",
        "Defence Secretary Ben Wallace",
        "confirmed",
        None,
    ),
    ("Rear Admiral Pavel Orlov said two patrol boats were destroyed.", "Rear Admiral Pavel Orlov", "said", None),
    ("Lt. Gen. Ahmed Kamal told reporters the offensive had stalled.", "Lt. Gen. Ahmed Kamal", "told", None),
    # quote first, then the attribution
    ('"We will respond at a time of our choosing," Kamal told reporters.', "Kamal", "told", None),
    ('"The hospital is overwhelmed," the director said.', "the director", "said", None),
    ('"They came at night and burned everything," said Fatima Ali, a mother of four.', "Fatima Ali", "said", None),
    ("'Nobody warned us,' a survivor told the BBC.", "a survivor", "told", "the BBC"),
    ('"He said he would be home by dark," his brother told AFP.', "his brother", "told", "AFP"),
    ("Interfax quoted military sources who said the convoy was ambushed.", "military sources", "said", None),
    ("In the north, gunmen seized a bus and announced they would hold the passengers.", "gunmen", "announced", None),
    ("Unions want parliament to scrap new labour rules that critics say will cut wages.", "critics", "said", None),
    ("The ambassador told the UN Security Council that the truce had collapsed.", "The ambassador", "told", None),
    # according to
    (
        "Eleven fighters were killed, according to the Syrian Observatory for Human Rights.",
        "the Syrian Observatory for Human Rights",
        "according_to",
        None,
    ),
    ("According to the health ministry, 32 people are still missing.", "the health ministry", "according_to", None),
    (
        "The bridge was destroyed, according to local residents who fled the area.",
        "local residents",
        "according_to",
        None,
    ),
    (
        "The village was shelled for hours, as per the district commissioner.",
        "the district commissioner",
        "according_to",
        None,
    ),
    # X reported that / stance verbs
    ("The monitoring group reported that 20 fighters died in the clashes.", "The monitoring group", "reported", None),
    ("The Syrian army has blamed insurgents for the rocket fire.", "The Syrian army", "blamed", None),
    ("The government denies targeting civilian areas.", "The government", "denied", None),
    ("The militia rejected the accusations as baseless.", "The militia", "rejected", None),
    ("Human rights groups have accused the security forces of torture.", "Human rights groups", "accused", None),
    ("The insurgent group claimed responsibility for the bombing.", "The insurgent group", "claimed", None),
    ("Activists alleged that prisoners were executed.", "Activists", "alleged", None),
    ("The foreign ministry warned that further strikes would follow.", "The foreign ministry", "warned", None),
    ("The prime minister threatened to expel the envoy.", "The prime minister", "threatened", None),
    ("The European Union condemned the attack on the convoy.", "The European Union", "condemned", None),
    ("Opposition leaders criticised the army for the raid.", "Opposition leaders", "criticised", None),
    ("The ministry announced a curfew in the northern districts.", "The ministry", "announced", None),
    ("The commander stated that the town was under full control.", "The commander", "stated", None),
    ("The spokeswoman added that no foreigners were hurt.", "The spokeswoman", "added", None),
    # described sources
    (
        "A senior defense official speaking on condition of anonymity said the strike hit a weapons depot.",
        "A senior defense official",
        "said",
        None,
    ),
    ("The Russian official said the positions were hit six times.", "The Russian official", "said", None),
    ("An army officer who asked not to be named said the base was overrun.", "An army officer", "said", None),
    # via: outlets and channels
    ("Seven people were killed, a local official told AFP.", "a local official", "told", "AFP"),
    (
        "Police chief Musa Kariuki told the Associated Press the bus was hit by a mine.",
        "Police chief Musa Kariuki",
        "told",
        "the Associated Press",
    ),
    ("The ministry said in a statement on Telegram that 25 drones were shot down.", "The ministry", "said", "Telegram"),
    ("The governor said on X that power had been restored.", "The governor", "said", "X"),
    (
        "Air defences downed 14 drones, the commander said, according to a report from state news agency Tass.",
        "the commander",
        "said",
        "state news agency Tass",
    ),
    (
        "The army said 12 militants were killed, state news agency Nova reported.",
        "The army",
        "said",
        "state news agency Nova",
    ),
    ("A witness told state television that the building collapsed.", "A witness", "told", "state television"),
    (
        "The official was quoted by the Daily Courier as saying the road was mined.",
        "The official",
        "said",
        "the Daily Courier",
    ),
    (
        "The rebel group claimed the ambush via its Radio Sahel station.",
        "The rebel group",
        "claimed",
        "Radio Sahel station",
    ),
    (
        "In an interview with the Jakarta Globe, the governor said the floods had receded.",
        "the governor",
        "said",
        "the Jakarta Globe",
    ),
    (
        "The death toll rose to 31, the Tolo news agency quoted provincial officials as saying.",
        "provincial officials",
        "said",
        "the Tolo news agency",
    ),
    # relative clauses, coordinated verbs, described sources with a determiner
    (
        "The blast was caused by a gas leak that firefighters said had gone unnoticed for days.",
        "firefighters",
        "said",
        None,
    ),
    ("The town was captured by the rebels, who denied that civilians were harmed.", "the rebels", "denied", None),
    ("The army shelled the ridge overnight and said it had destroyed two rocket launchers.", "The army", "said", None),
    ("KANO, Nigeria - Police arrested four suspects and said more arrests would follow.", "Police", "said", None),
    ("Their lawyer said the men were held without charge for a month.", "Their lawyer", "said", None),
    ("Kenya's coach says the team was robbed of a win.", "Kenya's coach", "said", None),
    ("Gunmen holding two engineers said they wanted a ransom.", "Gunmen", "said", None),
    (
        "The head of the mission, speaking in Geneva, said aid had been cut off.",
        "The head of the mission",
        "said",
        None,
    ),
    # pronoun speakers stay pronouns here (the resolver replaces them)
    ("The city has no water left, he said.", "he", "said", None),
    ("It said the shelling had damaged two clinics.", "It", "said", None),
    # headlines
    ("Five soldiers killed in ambush near border: army", "army", "said", None),
    ("Rocket strike kills three in port city - officials", "officials", "said", None),
    # participle clauses
    (
        "The talks collapsed, with the opposition criticising the government for the delay.",
        "the opposition",
        "criticised",
        None,
    ),
    ('Nadia Karim was defiant, adding: "We will rebuild."', "Nadia Karim", "added", None),
]


@pytest.mark.parametrize(("text", "speaker", "verb", "via"), SHAPES)
def test_shapes(text, speaker, verb, via):
    c = one(text, headline=not text.rstrip().endswith((".", '"', "'")))
    assert (c.speaker, c.verb, c.via) == (speaker, verb, via)
    assert c.stance


NOT_CLAIMS = [
    "It is said that the tunnels run for miles.",
    "The town was said to be under siege.",
    "Rebels fire rockets at airport",
    "Unconfirmed reports of fighting in the east could not be verified.",
    "All the claims have not been independently verified.",
    "The United States carried out two air strikes overnight.",
    "She added another title to her record on Sunday.",
    "Investigators are looking into reports that the victims were detained.",
    "The attack claimed the lives of 12 soldiers.",
    "Officials declined to say how many troops were involved.",
    "Key Highlights",
    "The alleged attack took place near the market.",
    "Residents were told to leave their homes.",
    "The explosion claimed the lives of four miners.",
    "A man accused of smuggling weapons was arrested.",
    "Market bombing blamed on insurgents",
    "No casualties were reported.",
    "Heavy fighting is reported in the north of the country.",
    "We can't say what happened, he added nothing more.",
    "The leader of the newly declared council was killed.",
    "A court sentenced the leader of 67 alleged mercenaries to prison.",
    # a bare verb form after a possessive or as a run-on infinitive is no claim
    "The rebels' claim that the bridge was mined has not been verified.",
    "She needed to win the last frame and claim the title.",
    "The peace talks concluded on Monday without an agreement.",
    "Two hundred soldiers posted at the border crossing were withdrawn.",
    "Clashes claim more than 150 lives in the northern province",
    "A man identified as the driver was detained at the scene.",
    "Forensic teams identified the remains of nine victims.",
    "Unexploded shells claim life of shepherd near the village",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text):
    assert run(text, headline=not text.endswith(".")) == []


CONTENT = [
    ('"We did not fire first," the colonel said.', "We did not fire first", True),
    ("The ministry said that 14 people were killed.", "14 people were killed", False),
    ("Two people died in the fire, police said.", "Two people died in the fire", False),
    ('The mayor said: "The city will not surrender."', "The city will not surrender", True),
    (
        "Speaking to reporters in Lagos, the commander said the road had been reopened.",
        "the road had been reopened",
        False,
    ),
]


@pytest.mark.parametrize(("text", "content", "quote"), CONTENT)
def test_content_and_quote(text, content, quote):
    c = one(text)
    assert (c.content, c.quote) == (content, quote)


STANCES = [
    ("The army denied the report.", "deny"),
    ("The ministry confirmed the deaths.", "confirm"),
    ("The group claimed the attack.", "claim"),
    ("Officials warned of more floods.", "warn"),
    ("The agency reported 30 deaths.", "report"),
    ("The council condemned the killings.", "condemn"),
    ("The police blamed the militants.", "accuse"),
    ("The governor said roads were shut.", "assert"),
]


@pytest.mark.parametrize(("text", "stance"), STANCES)
def test_stance(text, stance):
    assert one(text).stance == stance


def analyze_text(text: str) -> list[Claim]:
    settings = Settings(types=("claim",))
    return [r for r in analyze(Document(id="t", text=text), settings) if isinstance(r, Claim)]


TWO_SPEAKERS = [
    (
        "The army said its jets struck a depot, while the rebels said the building was a school.",
        [("The army", "said"), ("the rebels", "said")],
    ),
    ("Police said the driver fled; witnesses said he was shot.", [("Police", "said"), ("witnesses", "said")]),
    ("The ministry said 12 were killed, but it gave no names.", [("The ministry", "said")]),
    ("The ministry said 12 were killed, but it said later that 14 had died.", [("The ministry", "said")]),
    # a speaker inside what another reports
    (
        "Officials say the suspect told them he had acted alone.",
        [("Officials", "said"), ("the suspect", "told")],
    ),
    (
        "The governor said that the army confirmed the death of two officers.",
        [("The governor", "said"), ("the army", "confirmed")],
    ),
    ("The colonel said he told the villagers to leave.", [("The colonel", "said")]),
    # a new clause after ", and" with a speaker of its own
    (
        "Police said they had a confession, and the suspect's lawyer says his client was coerced.",
        [("Police", "said"), ("the suspect's lawyer", "said")],
    ),
    (
        "The group is preparing attacks, the intelligence agency said on Monday, and warned of more.",
        [("the intelligence agency", "said")],
    ),
    ("The minister dismissed newspaper claims the talks had failed.", [("The minister", "dismissed")]),
]


@pytest.mark.parametrize(("text", "want"), TWO_SPEAKERS)
def test_one_record_per_speaker(text, want):
    assert [(c.speaker, c.verb) for c in run(text)] == want


def test_pronoun_resolves_to_first_full_name():
    text = (
        "Health ministry spokesman Yusuf Adamu said 20 people were killed in the raid.\n\n"
        '"Most of them were women," Adamu told reporters.\n\n'
        "He said the hospital had run out of blood.\n"
    )
    recs = analyze_text(text)
    assert [r.speaker for r in recs] == [
        "Health ministry spokesman Yusuf Adamu",
        "Adamu",
        "Health ministry spokesman Yusuf Adamu",
    ]
    assert recs[-1].speaker_text == "He"


def test_it_prefers_a_body_and_he_a_person():
    text = (
        "Colonel Ivan Petrov said the bridge was destroyed.\n\n"
        "The regional emergency service said four fires were still burning.\n\n"
        "It said in a post that two firefighters were injured.\n\n"
        "Army spokesman Tomas Berg visited the site on Monday.\n\n"
        "He said the area was safe.\n"
    )
    recs = analyze_text(text)
    assert recs[2].speaker == "The regional emergency service"
    assert recs[2].speaker_text == "It"
    assert recs[3].speaker == "Army spokesman Tomas Berg"


def test_hostile_input_is_fast():
    blobs = [
        "said " * 200_000,
        ("a, " * 300_000) + "said",
        "according to " + "Big " * 250_000,
        '"' * 1_000_000,
        ("The Ministry Of " * 60_000) + "said that",
    ]
    for blob in blobs:
        t0 = time.perf_counter()
        for start in range(0, len(blob), 2000):  # the splitter never passes more than 2000 chars
            run(blob[start : start + 2000])
        assert time.perf_counter() - t0 < 5.0


TRIGGER_SENTENCES = [
    "Officials said on Monday\\that the convoy was hit, according to witnesses.",
    '"We will respond," the minister told reporters, adding: "soon."',
    "The army-said statement was not verified; rebels deny (denied) it.",
    "SAID nothing, says nobody; as per the ministry, police reported three deaths.",
    "Nothing to see here, only a claim-free sentence about rain.",
]


@pytest.mark.parametrize("text", TRIGGER_SENTENCES)
def test_per_word_trigger_equals_the_full_trigger(text):
    import regex

    lx = claims._lex()
    forms = [f for fs in lx["by_first"].values() for f in fs]
    full = regex.compile(r"\b(?<!-)(?:" + trie(forms, lower=False) + r")(?![\w-])", regex.I)
    want = [(m.start(), m.group()) for m in full.finditer(text)][: claims._MAX_VERBS]
    present = lx["firsts"].intersection(claims._words(text))
    got = [(m.start(), m.group()) for m in claims._verb_matches(text, present)] if present else []
    assert got == want


PRONOUN_AFTER_CLAUSE = [
    # an inverted attribution after a clause: the pronoun points back, not at the clause subject
    (
        "Hospital director Samir Nasser said the ward was full.\n\n"
        "A second shell landed at the gate, killing two guards, he said.\n",
        "Hospital director Samir Nasser",
    ),
    (
        'Witness Layla Haddad described the scene to reporters.\n\n"The whole street shook," she said.\n',
        "Witness Layla Haddad",
    ),
    # a name with an age in apposition is an antecedent
    (
        "Regional governor Ali Demir said the road was cut.\n\n"
        "Fatma Yildiz, 52, was buying bread when the shell landed.\n\n"
        '"The windows fell in on us," she said.\n',
        "Fatma Yildiz",
    ),
    # "they" right after a sentence whose subject is a body: that body, in its first form
    (
        "Border police closed the crossing after the blast.\n\n"
        "Army spokesman Omar Idris said two soldiers were hurt.\n\n"
        "Police released a photo of the suspect on Sunday.\n\n"
        "They described him as armed and dangerous.\n",
        "Border police",
    ),
]


@pytest.mark.parametrize("text,speaker", PRONOUN_AFTER_CLAUSE)
def test_pronoun_after_a_clause_refers_back(text, speaker):
    recs = analyze_text(text)
    assert recs[-1].speaker == speaker


NAME_BEFORE_DESCRIPTION = [
    # "Name, a description said" (the closing comma is missing): the name speaks
    ("Omar Siddiqi, a spokesman for the district police said six people were hurt.", "Omar Siddiqi"),
    ("Leila Karimi, member of the regional assembly in the north said the bridge was closed.", "Leila Karimi"),
    # "Name, Capitalised Title of Body, said": the name, not the title
    (
        '"We are reviewing the footage," Daniel Ortega Ruiz, Deputy Director of the Harbour Police, said.',
        "Daniel Ortega Ruiz",
    ),
    # a title before the name keeps the name
    ("The country's defence minister, Tomas Varga, said the border would stay shut.", "Tomas Varga"),
    # an introductory phrase is no name
    ("In the capital, a senior army officer said troops had withdrawn.", "a senior army officer"),
    ("Late Sunday, a police spokesman said two suspects were held.", "a police spokesman"),
]


@pytest.mark.parametrize("text,speaker", NAME_BEFORE_DESCRIPTION)
def test_name_before_a_description(text, speaker):
    assert one(text).speaker == speaker


def first_sentence(text: str) -> list[Claim]:
    sent = Sentence(index=0, start=0, end=len(text), text=text, headline=False)
    return claims.extract(sent, Document(id="t", text=text, sentences=[sent]))


# titles run into the body text (the splitter does not mark them as headlines)
TITLES = [
    ("Rebels seize airport road near the capital: army (AFP).", "army", "said"),
    ("Coastal Guard Says Ferry Sank After Engine Fire.", "Coastal Guard", "said"),
    ("Interior Minister Denies Role in Market Bombing (AP).", "Interior Minister", "denied"),
]


@pytest.mark.parametrize("text,speaker,verb", TITLES)
def test_title_run_into_the_body(text, speaker, verb):
    out = first_sentence(text)
    assert [(c.speaker, c.verb) for c in out] == [(speaker, verb)]


NOT_TITLE_CLAIMS = [
    "Four Soldiers Said Killed in Border Clash.",  # a passive report
    "Rivalry Blamed in Village Chief's Death (AP).",  # a passive title
    "Floods Claim 40 Lives in Coastal Province (Reuters).",
    "Aid Convoy Reaches Besieged Town.",  # no attribution at all
]


@pytest.mark.parametrize("text", NOT_TITLE_CLAIMS)
def test_title_without_a_speaker(text):
    assert first_sentence(text) == []


LESS_COMMON_VERBS = [
    ("The militant group took credit for the ambush in a statement on Sunday.", "The militant group", "claimed"),
    ("Provincial officials put the death toll at 23 after the landslide.", "Provincial officials", "estimated"),
    ("The foreign minister urged both sides to return to the negotiating table.", "The foreign minister", "urged"),
    ("The opposition called for a general strike after the killings.", "The opposition", "called"),
    ("Investigators described the device as crude but powerful.", "Investigators", "described"),
    ("A former guard testified that prisoners were beaten every night.", "A former guard", "testified"),
    ("Police believe the commander escaped across the river.", "Police", "believed"),
    # present-tense plurals of verbs other than "say"
    ("Opposition activists claim the confession was obtained under duress.", "Opposition activists", "claimed"),
    ("Villagers deny that any fighters were sheltering in the school.", "Villagers", "denied"),
    ("Aid agencies warn the camps will run out of food within weeks.", "Aid agencies", "warned"),
    # inverted "declared" / "replied" after a quote
    ('"We will not leave this valley," declared Amina Farah, a local councillor.', "Amina Farah", "declared"),
    ('"Not yet," the commander replied.', "the commander", "replied"),
    ("The inquiry, however, concluded that the convoy had been hit by artillery.", "The inquiry", "concluded"),
    ("The ministry pointed out that the crossing had been closed since March.", "The ministry", "pointed_out"),
    ("The army identified the dead commander as a senior rebel leader.", "The army", "identified"),
    # a place's region between commas is no speaker
    ("A trader in Nyala, Darfur, identified the men as soldiers.", "A trader in Nyala", "identified"),
    # documents and accounts that speak
    ("According to court testimony, the suspect bought the fertiliser in May.", "court testimony", "according_to"),
    (
        "The convoy was ambushed twice, according to several witness accounts.",
        "several witness accounts",
        "according_to",
    ),
]


@pytest.mark.parametrize("text,speaker,verb", LESS_COMMON_VERBS)
def test_less_common_verbs(text, speaker, verb):
    c = one(text)
    assert (c.speaker, c.verb) == (speaker, verb)


def test_a_weak_verb_yields_to_a_reporting_verb():
    c = one("The cleric urged his followers to stay home, a senior aide said.")
    assert (c.speaker, c.verb) == ("a senior aide", "said")


@pytest.mark.parametrize(
    "text",
    [
        "A little-known group called the Northern Front attacked the depot.",
        "The match was called off because of the unrest.",
    ],
)
def test_called_is_only_an_appeal(text):
    assert run(text) == []


GLUED = [
    # sentences run together by a scrape: one claim per sentence
    (
        "The army said two posts were shelled overnight.Local officials said the road was closed.",
        ["The army", "Local officials"],
    ),
    (
        '"We saw smoke everywhere," a witness said."Nobody came," another resident told AFP.',
        ["a witness", "another resident"],
    ),
    # an article or "I" opening the next sentence; a quote that opens the next sentence
    (
        "Police said the road was closed.A spokesman for the mayor said it would reopen.",
        ["Police", "A spokesman for the mayor"],
    ),
    ('The minister spoke briefly."I saw the damage myself," the minister told reporters.', ["the minister"]),
    # tokenised text ("said . The")
    (
        "Two shells hit the clinic , the director said . The regional governor said the town was calm .",
        ["the director", "The regional governor"],
    ),
    # an advertisement marker glued to a sentence start is no part of the speaker
    ("ADThe coastguard said the search would resume at dawn.", ["The coastguard"]),
    ('"We will rebuild."ADThe mayor said the fund was ready.', ["The mayor"]),
    # a title abbreviation is no sentence end
    ("Provincial Gov.Tarek Osman said the curfew was lifted.", ["Provincial Gov.Tarek Osman"]),
]


@pytest.mark.parametrize("text,speakers", GLUED)
def test_glued_sentences(text, speakers):
    assert [c.speaker for c in run(text)] == speakers


APPOSITION_CLAUSES = [
    # a relative clause after the name: the name speaks, the noun after the verb is reported
    ('Maria Lopez, who lost her brother in the blast, said Ortega "must answer for this."', "Maria Lopez"),
    # only an adverb between the apposition and the verb
    ("Samuel Okoro, a local teacher, angrily told the court he had seen the soldiers fire.", "Samuel Okoro"),
    # a relative clause holding commas of its own: the name before it speaks, not the name inside it
    ("Grace Mwangi, whose daughter, Ruth, was among the dead, said the guards had fled.", "Grace Mwangi"),
    # "who" after a description and a place: the name they describe
    (
        "The court heard Tomas Berger, owner of a garage, in Linz, who testified that he sold the van.",
        "Tomas Berger",
    ),
    # a free relative: "in what X said was ..."
    ("The convoy was stopped at dawn in what officials said was a routine search.", "officials"),
    # "posted" only on a platform
    ("Two roads were closed, Sara Odhiambo, a police spokeswoman, posted on Twitter.", "Sara Odhiambo"),
]


@pytest.mark.parametrize("text,speaker", APPOSITION_CLAUSES)
def test_apposition_clauses(text, speaker):
    assert one(text).speaker == speaker


def test_a_named_apposition_subject_is_an_antecedent():
    text = (
        "Amina Yusuf, the sister of a driver killed in the raid, was the first to speak.\n\n"
        '"Nobody has told us anything," she said.\n'
    )
    recs = analyze_text(text)
    assert (recs[-1].speaker, recs[-1].speaker_text) == ("Amina Yusuf", "she")


def test_a_place_apposition_is_no_antecedent():
    text = (
        "Police chief Omar Bashir said the area was sealed.\n\n"
        "Kandahar City, the provincial capital, was quiet on Monday.\n\n"
        '"We expect more arrests," he said.\n'
    )
    assert analyze_text(text)[-1].speaker == "Police chief Omar Bashir"


SECOND_SPEAKER_SHAPES = [
    (
        "The ministry said the mill would close, but villagers hit by the decision warned of hunger.",
        [("The ministry", "said"), ("villagers", "warned")],
    ),
    (
        "Police blamed the militia for the ambush, but the militia strenuously denied any role.",
        [("Police", "blamed"), ("the militia", "denied")],
    ),
]


@pytest.mark.parametrize("text,want", SECOND_SPEAKER_SHAPES)
def test_second_speaker_shapes(text, want):
    assert [(c.speaker, c.verb) for c in run(text)] == want


def test_a_noun_before_by_is_kept():
    c = one("A report by the regional monitoring group said 40 houses were burned.")
    assert c.speaker == "A report by the regional monitoring group"


def test_a_pronoun_far_from_its_antecedent():
    filler = "".join(f"The convoy passed checkpoint number {i} without incident.\n\n" for i in range(14))
    text = (
        "Regional governor Hamid Saleh said the roads were open.\n\n" + filler + "He said more trucks would follow.\n"
    )
    recs = analyze_text(text)
    assert (recs[-1].speaker, recs[-1].speaker_text) == ("Regional governor Hamid Saleh", "He")


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Last year Ortega said 4,000 soldiers had deserted since the war began.", "Ortega"),
        ("Senator Maria Vance (D) said the aid package would pass this week.", "Senator Maria Vance"),
    ],
)
def test_time_phrase_and_party_tag_trimmed(text, speaker):
    assert one(text).speaker == speaker


# --- fast paths for plain text give what the patterns give -------------------------------------------

FAST_PATH_TEXTS = [
    *TRIGGER_SENTENCES,
    '"We will respond," the minister told reporters -- adding: "soon." The army said.The police "said so."AD"We',
    "Officials 'said' - on Monday - that the  convoy, as  per the ministry's note, was hit.ADADThe rebels deny it.",
    "He said . The army put the  death toll at 12; they PUT THE TOLL AT 5, said-she, said_x, resaid; 'yes,' he says",
    "- Rebels said: the town fell! It did? \"Yes\" . \" They said 'we won' and 'we lost it all' ... A. B. I said.",
    "the group's 'spokesman' said ab.\"He 'left' the town' and ''then'' '' said \"\" \"a\" \"ab\" \"abc\" it",
    "x" * 400 + ", police said " + "-" * 7 + " said ---- said - said",
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS)
def test_plain_text_fast_paths_equal_the_patterns(text):
    assert claims._plain(text)
    fast_words = text.encode("ascii").translate(claims._ascii_table()).decode("ascii").split()
    assert fast_words == text.lower().translate(claims._punct_table()).split()
    lx = claims._lex()
    present = lx["firsts"].intersection(claims._words(text))
    want = [(m.start(), m.end(), m.group()) for m in claims._verb_matches(text, present)]
    got = [(m.start(), m.end(), m.group()) for m in claims._verb_matches(text, present, plain=True)]
    assert got == want
    assert claims._glued_plain(text) == [m.end() for m in claims._RX["glued"].finditer(text)]
    for end in range(1, len(text) + 1):
        lo = max(0, end - claims._WINDOW)
        m = claims._RX["boundary_r"].search(text, lo, end)
        want_b = (lo, "") if m is None else (m.end(), m.group().strip() or "'")
        assert claims._last_boundary_plain(text, lo, end) == want_b, end
    for a in range(0, len(text), 7):
        part = text[a:]
        assert claims._quote_content(part, claims._RX_PLAIN) == claims._quote_content(part, claims._RX)
    assert run(text) == run_unicode(text)


def run_unicode(text: str) -> list[Claim]:
    """The same sentence through the ``regex`` patterns only (as for text that is not plain)."""
    plain = claims._plain
    claims._plain = lambda t: False
    try:
        return run(text)
    finally:
        claims._plain = plain


def test_text_with_separators_is_not_plain():
    assert not claims._plain("Police said\x1cthe town fell.")
    assert not claims._plain("Police said the town fell in Kyiv’s south.")
    assert claims._plain("Police said the town fell.")


@pytest.mark.parametrize(
    "text",
    [
        "Shadow transport minister Sam Tarry joined the picket line on Monday.",
        "Jane Doe, the mother of a victim, was at the hearing.",
        "  Abdul Karim Rahimi, who leads the council, also warned of more attacks.",
        "the rebels later claimed the town - and held it.",
        "Mr. O'Neil-Smith has confirmed it.",
    ],
)
def test_speaker_patterns_same_on_both_engines(text):
    from conflict_cli.resolve import speakers

    assert speakers._plain(text)
    for a, b in (
        (speakers._subject_rx(), speakers._subject_re()),
        (speakers._apposition_rx(), speakers._apposition_re()),
    ):
        ma, mb = a.match(text), b.match(text)
        assert (ma and (ma.span(), ma.groups())) == (mb and (mb.span(), mb.groups()))


@pytest.mark.parametrize(
    "phrase",
    [
        "the state news agency",
        "STATE TV",
        "a report from the army",
        "a Press Release by the ministry",
        "the health ministry",
        "a VIDEO STATEMENT posted by the group",
        "the programme's host",
        "al-Arabiya",
        "the tvs",
    ],
)
def test_word_prefilters_agree_with_the_patterns(phrase):
    lx = claims._lex()
    assert claims._is_outlet(phrase, claims._RX_PLAIN) == bool(claims._RX["outlet_type"].search(phrase))
    if claims._RX["carrier"].match(phrase):
        assert claims._has_any(phrase.lower(), lx["carrier_words"])
    rest = " in a statement on Monday: " + phrase
    assert claims._lead_in(phrase, claims._RX_PLAIN) == claims._lead_in(phrase, claims._RX)
    assert claims._lead_in(rest, claims._RX_PLAIN) == claims._lead_in(rest, claims._RX)


def test_make_passes_claim_fields_in_order():
    """``_make`` builds a ``Claim`` by position: the model's fields must be the ones it lists."""
    from dataclasses import fields

    from conflict_cli.extractors import claims as C
    from conflict_cli.models import Claim

    assert [f.name for f in fields(Claim)] == C._CLAIM_FIELDS
    c = C._make("said", "police", "AFP", ' "five died". ', True, "X_said", C._lex())
    assert (c.doc, c.sentence, c.start, c.end, c.evidence, c.date, c.date_text) == ("", 0, 0, 0, "", None, None)
    assert (c.speaker, c.speaker_text, c.speaker_norm, c.speaker_type) == ("police", None, None, None)
    assert (c.via, c.verb, c.stance, c.content, c.quote, c.rule) == (
        "AFP",
        "said",
        "assert",
        "five died",
        True,
        "X_said",
    )
