"""General rules of the events stage, each on sentences unlike the gold sets' wording."""

from __future__ import annotations

import pytest

from tests.test_events import nlp, only, run  # noqa: F401  (nlp is a fixture)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Government warplanes pounded rebel positions near Hajin.", "Air/drone strike"),
        ("Kirkuk was hit by a swarm of drones overnight.", "Air/drone strike"),
        ("Gunmen traded fire with police for an hour in Kirkuk.", "Armed clash"),
        ("Militants hacked to death six farmers near Hajin.", "Attack"),
        ("A man wearing an explosive belt detonated it at a checkpoint in Mosul.",
         "Suicide bomb"),
        ("Villagers attacked and burned the house of a local official in Hajin.",
         "Mob violence"),
        ("Gunmen stormed the village of Hajin and killed eight people.", "Attack"),
        ("Insurgents shot dead a retired army officer at his home in Kirkuk.", "Attack"),
        ("Mortar rounds fired by ISIS landed in Kirkuk on Monday.",
         "Shelling/artillery/missile attack"),
        ("Dozens of militants surrendered to the army in Hajin.", "Change to group/activity"),
        ("The two sides agreed to exchange prisoners in Mosul.", "Agreement"),
    ],
)
def test_general_triggers(nlp, text, sub):  # noqa: F811
    assert only(run(nlp, text)).sub_event_type == sub


@pytest.mark.parametrize(
    "text",
    [
        "The home side stormed back to beat their opponents 3-1 in Baghdad.",
        "The truce in Idlib province largely held on Sunday.",
        "Our striker fired a hat-trick in Mosul last night.",
        # everyday uses of words that are triggers in conflict news
        "The company entered the Iraqi market in Baghdad in 2019.",
        "The delegation entered the building in Damascus for talks.",
        "Employees walked out of the meeting in Kirkuk.",
        "The cabinet agreed to release funds for schools in Mosul.",
        "The two firms signed a deal in Baghdad to build a port.",
        "Shoppers pelted the stage with flowers at the concert in Kirkuk.",
        "Residents attacked the plan in a town hall meeting in Mosul.",
        "The crowd stormed the stage at the festival in Baghdad.",
        "Workers set off for the capital on foot from Kirkuk.",
        "A drone filmed the wedding in Mosul.",
        "Police denied firing on protesters in Baghdad.",
        # background: time references, trials, absence of news, organisers
        "Since the invasion began, millions have fled Mosul.",
        "The court sentenced two men for the 2019 bombing in Kirkuk.",
        "The ministry said it had no information about arrests in Baghdad.",
        "Protest organisers cancelled a march planned in Damascus.",
    ],
)
def test_no_event(nlp, text):  # noqa: F811
    assert run(nlp, text) == []


def test_pronoun_subject_and_the_town_across_sentences(nlp):  # noqa: F811
    events = run(nlp, "Iraqi troops advanced on Hajin from the east. They entered the town "
                      "after the militants withdrew.")
    e = only(events)
    assert e.sub_event_type == "Government regains territory"
    assert e.actor1 == "Military Forces of Iraq"
    assert e.place is not None and e.place.name == "Hajin"


def test_repelled_assault_is_the_attack_told_before(nlp):  # noqa: F811
    e = only(run(nlp, "Militants attacked an army post in Hajin. The soldiers repelled the "
                      "assault after an hour."))
    assert e.sub_event_type == "Armed clash"
    assert e.actor2 == "soldiers"


def test_police_dispersal_in_next_sentence_is_an_intervention(nlp):  # noqa: F811
    e = only(run(nlp, "Hundreds of students marched in Baghdad against the new law. Later, "
                      "police fired tear gas to scatter the crowd."))
    assert e.sub_event_type == "Protest with intervention"


def test_claimed_responsibility_names_the_actor(nlp):  # noqa: F811
    e = only(run(nlp, "The Islamic State claimed responsibility for a bombing at a market "
                      "in Kirkuk that killed nine people."))
    assert e.actor1 == "Islamic State"


def test_later_mention_refines_the_place(nlp):  # noqa: F811
    e = only(run(nlp, "Fighting broke out in Idlib province on Monday. Most of the violence "
                      "took place in Hajin, residents said."))
    assert e.sub_event_type == "Armed clash"
    assert e.place is not None and e.place.name == "Hajin"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Farmers blocked the highway into Kirkuk with tractors over fuel prices.",
         "Peaceful protest"),
        ("Clashes erupted between police and stone-throwing youths in Baghdad.",
         "Violent demonstration"),
        ("The militia claimed to have downed an army drone over Kirkuk.",
         "Disrupted weapons use"),
        ("A bomber set off his explosives at a bus station in Mosul.", "Suicide bomb"),
    ],
)
def test_batch_four_rules(nlp, text, sub):  # noqa: F811
    assert only(run(nlp, text)).sub_event_type == sub


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Soldiers opened fire on a minibus at a checkpoint near Hajin, killing the driver.",
         "Attack"),
        ("The two sides agreed to a three-day pause in fighting in Mosul.", "Agreement"),
        ("Troops discovered and destroyed a bomb-making workshop in Kirkuk.",
         "Disrupted weapons use"),
        ("Police in Baghdad used water cannon and tear gas against supporters of the cleric.",
         "Protest with intervention"),
        ("Men in uniform executed at least 20 civilians in Hajin.", "Attack"),
        ("Iraqi forces took the town of Hajin after a week of fighting.",
         "Government regains territory"),
    ],
)
def test_batch_five_and_six_rules(nlp, text, sub):  # noqa: F811
    assert only(run(nlp, text)).sub_event_type == sub


def test_floods_killing_many_are_no_attack(nlp):  # noqa: F811
    assert run(nlp, "Floods killed at least 40 people and destroyed homes in Hajin.") == []
