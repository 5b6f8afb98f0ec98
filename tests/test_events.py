"""The PLOVER event coder on hand-written sentences (one rule each) and on the seed gold."""
from __future__ import annotations

import pytest

import tocsin
from tocsin.extract.events import trigger_surface_forms
from tocsin.extract.events.crosswalk import acled, cameo, intensity


def events(text: str, published: str = "2020-03-10"):
    return tocsin.extract(text, published=published).events


def one(text: str, type_: str):
    evs = [e for e in events(text) if e.type == type_]
    assert evs, f"no {type_} in {[(e.type, e.trigger.text) for e in events(text)]}"
    return evs[0]


def names(parts):
    return " | ".join(p.text for p in parts)


def test_airstrike_is_aerial_assault_with_actor_recipient_and_counts():
    e = one("Turkish warplanes carried out an airstrike on a village near Afrin, killing 12 people and wounding five.", "ASSAULT")
    assert e.mode == "aerial"
    assert e.dead == 12 and e.injured == 5
    assert "village" in names(e.recipients)
    assert e.cameo == "195" and e.acled.sub_event_type == "Air/drone strike"


def test_rocket_attack_mode_and_number_word():
    e = one("Militants launched a rocket attack on the airport that killed one Nigerian guard.", "ASSAULT")
    assert e.mode == "heavy-weapons"
    assert e.dead == 1
    assert "Militants" in names(e.actors)


def test_passive_with_agent():
    e = one("Three soldiers were killed by rebels in the north.", "ASSAULT")
    assert e.dead == 3
    assert "rebels" in names(e.actors)


def test_vague_amount_stays_null():
    e = one("Gunmen shot dozens of villagers in the market.", "ASSAULT")
    assert e.dead is None and e.mode == "firearms"


def test_riot_protest():
    e = one("Hundreds of students stormed the parliament building on Monday.", "PROTEST")
    assert e.mode == "riot"


def test_send_troops_is_mobilize_planned():
    e = one("The defence ministry said it would send more troops to the border.", "MOBILIZE")
    assert e.mode == "troops" and e.modality == "planned"


def test_negated_evacuation():
    e = one("The embassy said there were no plans to evacuate its staff.", "RETREAT")
    assert e.modality == "negated"


def test_hypothetical_conditional():
    e = one("If the talks fail, the army could attack the town.", "ASSAULT")
    assert e.modality == "hypothetical"


def test_claimed_by_allegation():
    e = one("There were allegations that the police had beaten the prisoners.", "ASSAULT")
    assert e.modality == "claimed"


def test_attribution_according_to():
    e = one("The army shelled the city on Sunday, killing 7 civilians, according to a statement from the Red Cross.", "ASSAULT")
    assert e.attribution is not None and "Red Cross" in e.attribution.text


def test_meeting_and_request_and_reject():
    e = one("The foreign minister met his Iranian counterpart in Geneva to discuss the nuclear deal.", "CONSULT")
    assert "foreign minister" in names(e.actors) and "counterpart" in names(e.recipients)
    r = one("Opposition leaders called on the president to resign.", "REQUEST")
    assert "president" in names(r.recipients)
    d = one("The ministry denied any involvement in the blast.", "REJECT")
    assert "ministry" in names(d.actors)


def test_coerce_restrict_and_arrest_count():
    c = one("Police arrested 14 protesters outside the courthouse.", "COERCE")
    assert c.mode == "arrest" and c.arrested == 14


def test_one_event_however_often_mentioned():
    text = ("Insurgents attacked a police station in Kandahar on Monday, killing four officers. "
            "The attack in Kandahar was the third this month. "
            "Officials said the attack had been planned for weeks.")
    evs = [e for e in events(text) if e.type == "ASSAULT" and e.modality != "hypothetical"]
    assert len(evs) == 1
    assert len(evs[0].mentions) >= 2 and evs[0].dead == 4


def test_relative_clause_actor():
    e = one("Police blamed the Red Brigade, which bombed a bus station last week.", "ASSAULT")
    assert "Red Brigade" in names(e.actors)


def test_offsets_point_into_text():
    text = "Rebels ambushed a convoy near Goma, killing 9 soldiers."
    rec = tocsin.extract(text, published="2020-01-01")
    for e in rec.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        for p in e.actors + e.recipients:
            assert text[p.start:p.end] == p.text


def test_crosswalks_and_surface_forms():
    assert cameo("PROTEST", "riot") == "145"
    assert acled("PROTEST", "riot").event_type == "Riots"
    assert intensity("ASSAULT", "aerial") == -9.5 and intensity("AID", None) == 10
    forms = trigger_surface_forms()
    assert {"airstrikes", "killed", "stormed", "met", "evacuation"} <= forms


def test_odd_text_does_not_raise():
    for text in ["attack", "!!!", "The the the killed killed.", "x" * 50]:
        tocsin.extract(text)


def test_seed_required_events(seed_record, seed_gold):
    from tocsin.evaluate.seed import evaluate

    res = evaluate(seed_record, seed_gold)
    assert len(res["events_right"]) >= 10, res["events_right"]
    assert len(res["events"]["spurious"]) <= 2


def test_phrase_trigger_in_a_later_sentence():
    from tocsin import nlp
    from tocsin.extract.events import find_triggers

    doc = nlp.load()("Talks went on. Later a rocket attack hit the base and protesters went on a hunger strike.")
    sents = list(doc.sents)
    found = {(t.type, t.mode) for s in sents for t in find_triggers(s)}
    assert ("ASSAULT", "heavy-weapons") in found
    assert ("PROTEST", "hunger") in found


def test_leaving_dead_and_casualty_sentence_after_attack():
    e = one("The car bomb exploded outside the bank, leaving five people dead.", "ASSAULT")
    assert e.dead == 5 and e.mode == "explosives"
    evs = [x for x in events("Guerrillas attacked the army post. Four soldiers were wounded.") if x.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].injured == 4 and len(evs[0].mentions) == 2


def test_separate_events_stay_apart():
    evs = events("Rebels attacked a convoy in Goma on Monday. Police arrested 3 men in Kinshasa on Friday.")
    assert {e.type for e in evs} == {"ASSAULT", "COERCE"}
    assert next(e for e in evs if e.type == "COERCE").arrested == 3


def test_weapon_compound_subject_is_the_instrument():
    e = one("The rocket barrage struck the airfield near Kandahar on Monday.", "ASSAULT")
    assert e.actors == [] and e.mode == "heavy-weapons"
    e = one("The air force struck the camp on Monday.", "ASSAULT")
    assert [a.text for a in e.actors] == ["air force"]


def test_place_of_another_clause_is_not_the_event_place():
    evs = events("The ferry sank near the port of Mombasa, hours after rebels had attacked "
                 "villages in Somalia.", published="2021-03-02")
    e = next(x for x in evs if x.trigger.text == "attacked")
    assert e.location is not None and e.location.country == "SO"


def test_a_downed_aircraft_is_the_target():
    e = one("Rebels shot down an army helicopter near Goma on Monday.", "ASSAULT")
    assert [r.text for r in e.recipients] == ["army helicopter"]


def test_background_killing_does_not_merge_with_the_next_sentence_attack():
    evs = [e for e in events("Crowds gathered on Sunday, a week after the killing of Gen. Ali Haddad. "
                             "It came a day after the army admitted that its soldiers had shot down a "
                             "Kenyan passenger plane.", published="2021-05-10") if e.type == "ASSAULT"]
    assert len(evs) == 2


def test_coordinated_passives_share_agent_and_victims():
    e = one("Two members of the village council were abducted and later murdered by rebels near the bridge.", "ASSAULT")
    assert "rebels" in names(e.actors)
    assert e.dead == 2


def test_possessive_victim_counts_as_one():
    e = one("Gunmen killed the mayor, his wife and two bodyguards in the town square.", "ASSAULT")
    assert e.dead == 4


def test_planting_a_charge_is_an_explosives_assault():
    e = one("Urban commandos planted a dynamite charge at the power station.", "ASSAULT")
    assert e.mode == "explosives"
    assert "commandos" in names(e.actors)


def test_victims_along_with_and_shared_determiner():
    e = one("The judge was killed near his home, along with two bodyguards.", "ASSAULT")
    assert e.dead == 3
    e = one("The mayor was killed in an attack in which his bodyguard and driver were also killed.", "ASSAULT")
    assert e.dead == 3


def test_attack_perpetrated_by_names_the_actor():
    e = one("An attack carried out by rebels destroyed the bridge.", "ASSAULT")
    assert "rebels" in names(e.actors)


def test_weapon_placer_and_commenting_subject():
    e = one("The judge was killed by a bomb placed by an urban guerrilla group near his car.", "ASSAULT")
    assert "guerrilla group" in names(e.actors)
    e = one("The minister condemned the assassination of the mayor by rebels.", "ASSAULT")
    assert "minister" not in names(e.actors)


def test_a_state_named_as_a_modifier_is_coded_as_the_actor():
    rec = tocsin.extract("A U.S. drone strike hit a convoy near the border on Friday, and American air raids "
                  "followed on Saturday.", published="2020-01-04")
    actors = [(p.text, p.code) for e in rec.events if e.type == "ASSAULT" for p in e.actors]
    assert ("U.S.", "USA") in actors and ("American", "USA") in actors
    # a patron is not the actor: "Iranian-backed militias attacked" is the militias'
    rec = tocsin.extract("Iranian-backed militias attacked the base.", published="2020-01-04")
    assert all(p.code != "IRN" for e in rec.events for p in e.actors)


def test_lost_their_lives_counts_the_dead_of_the_attack():
    e = one("Rebels bombed a bus near Orvalle on Monday. Three farmers lost their lives in the attack.", "ASSAULT")
    assert e.dead == 3


def test_reduced_relative_victims_are_counted_not_actors():
    e = one("Mourners buried the 10 workers killed in the bomb attack against the union office in Orvalle.", "ASSAULT")
    assert e.dead == 10
    assert "workers" not in names(e.actors)


def test_a_toll_that_adds_to_the_first_is_summed():
    e = one("Gunmen attacked a bus near Tarvena on Monday. The driver Ana Pelcz was killed. "
            "A nurse was also killed.", "ASSAULT")
    assert e.dead == 2
    e = one("Gunmen killed two farmers in Tarvena on Monday. The mayor Rosa Quilt was seriously wounded.", "ASSAULT")
    assert (e.dead, e.injured) == (2, 1)


def test_a_person_with_an_of_phrase_counts_one_a_group_none():
    e = one("Gunmen raided a clinic in Tarvena. A technician of the radio network was killed.", "ASSAULT")
    assert e.dead == 1
    e = one("Gunmen raided a clinic in Tarvena, killing a group of peasants.", "ASSAULT")
    assert e.dead is None


def test_a_past_murder_named_in_a_future_clause_stays_asserted():
    e = one("The minister will disclose the names of the men implicated in the murder of six priests.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 6


def test_those_involved_in_an_event_noun_are_its_actors():
    e = one("The soldiers involved in the killing of the priests were arrested in Orvalle.", "ASSAULT")
    assert "soldiers" in names(e.actors)
    e = one("Two officers were responsible for the murder of the judge.", "ASSAULT")
    assert "officers" in names(e.actors)


def test_those_who_died_are_victims_not_actors():
    e = one("Gunmen killed a party secretary in Orvalle on Monday. His wife and two bodyguards also died.", "ASSAULT")
    assert "wife" not in names(e.actors) and "bodyguards" not in names(e.actors)
    assert e.dead == 4


def test_victims_identified_in_a_sentence_of_their_own_join_the_attack():
    evs = [e for e in events("Gunmen killed three farmers near Orvalle on Monday. "
                             "The victims were identified as Ana Pelcz, Luis Sotar and Mario Quent.") if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].dead == 3
    assert "Luis Sotar" in names(evs[0].recipients)


def test_one_of_a_group_is_a_participant_with_its_of_phrase():
    e = one("The policeman Luis Corral was shot by one of the demonstrators in Quivra on Monday.", "ASSAULT")
    assert names(e.actors) == "one of the demonstrators"


def test_passed_away_and_left_wounded_are_counted():
    e = one("Rebels attacked a former minister in Lantra on Monday. The victim was taken to a hospital, "
            "where he passed away.", "ASSAULT")
    assert e.dead == 1
    e = one("Armed men robbed a trader near Lantra on Monday. The men shot him and left him seriously wounded.", "ASSAULT")
    assert e.injured == 1


def test_a_murder_someone_is_urged_to_investigate_happened():
    e = one("The bishop urged the president to investigate the assassination of the party leader Hector Quelvo.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 1


def test_a_killing_noun_counts_its_named_victims():
    e = one("The party demanded an inquiry into the assassination of union leader Hector Quelvo "
            "and of the lawyer Gilda Varon.", "ASSAULT")
    assert e.dead == 2
    e = one("The defector said the assassination in February of General Tomas Arvel was planned abroad.", "ASSAULT")
    assert e.dead == 1 and "Tomas Arvel" in names(e.recipients)
    e = one("The murder of another congressman led the cabinet to resign.", "ASSAULT")
    assert e.dead == 1


def test_a_list_of_named_victims_is_counted_person_by_person():
    e = one("They are linked to the murder of Dr Luis Orvan, his wife, and two other people who travelled with them.",
            "ASSAULT")
    assert e.dead == 4
    e = one("The massacre of the priests Ramon Elcar, Pedro Vint and Juan Molte, along with the cook Ana Ruiz, "
            "was carried out by a death squad.", "ASSAULT")
    assert e.dead == 4
    e = one("Gunmen murdered the brothers Mario and Luis Pento and their mother Ana Pento in Orvalle.", "ASSAULT")
    assert e.dead == 3
    e = one("Soldiers killed two reporters, Ruben Navel and Mauro Pinar, last night.", "ASSAULT")
    assert e.dead == 2


def test_shot_to_death_and_an_elided_passive_are_counted():
    e = one("Police said the official Rene Lorca was shot to death in Orvalle on Monday.", "ASSAULT")
    assert e.dead == 1
    e = one("Gunmen ambushed a convoy in Orvalle, in which the mayor's driver was killed and his bodyguard wounded.",
            "ASSAULT")
    assert (e.dead, e.injured) == (1, 1)
    e = one("Concerning the attack on the market in which 2 people were killed and 30 wounded, the army "
            "issued a statement.", "ASSAULT")
    assert (e.dead, e.injured) == (2, 30)
    assert "30" not in names(e.actors)


def test_among_those_killed_names_victims():
    e = one("A bomb exploded at the station in Lantra on Monday. Two policemen were among those killed.", "ASSAULT")
    assert e.dead == 2


def test_a_death_toll_gives_and_updates_the_count():
    e = one("A car bomb exploded in Lantra on Monday. The death toll rose to 59.", "ASSAULT")
    assert e.dead == 59
    e = one("A car bomb exploded in Lantra on Monday, killing 50 people. The death toll rose to 59 on Tuesday.", "ASSAULT")
    assert e.dead == 59
    e = one("A bomb exploded in a bus in Lantra. The number of wounded is 14.", "ASSAULT")
    assert e.injured == 14 and e.dead is None
    e = one("A car bomb exploded in Lantra on Monday. The blast claimed the lives of 12 people.", "ASSAULT")
    assert e.dead == 12


def test_a_toll_added_in_a_folded_sentence_is_summed_but_not_a_second_effect():
    e = one("Pablo Orvan, a former mayor, was murdered today by gunmen in Lantra. "
            "His driver was also killed in the attack.", "ASSAULT")
    assert e.dead == 2
    e = one("Three members of a patrol were murdered by rebels in Lantra, and another two were wounded. "
            "Ana Pelcz and Luis Sotar were wounded, according to the police.", "ASSAULT")
    assert (e.dead, e.injured) == (3, 2)


def test_murders_of_different_named_people_stay_apart():
    evs = [e for e in events("Gunmen murdered the judge Carlos Vardel in Lantra. On the same day, the "
                             "colonel Luis Ferro was murdered in Orvalle.") if e.type == "ASSAULT"]
    assert len(evs) == 2 and [e.dead for e in evs] == [1, 1]


def test_a_definite_attack_with_a_past_relative_clause_happened():
    e = one("The government will investigate the circumstances of the attack that killed 10 union members "
            "in Orvalle on Friday.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 10


def test_a_labor_strike_is_a_protest_and_what_a_protest_is_about_stays_an_event():
    evs = events("The teachers' federation will hold a 48-hour strike to protest the assassination of "
                 "the union leader Bernardo Osla.")
    assert [e.mode for e in evs if e.type == "PROTEST" and e.trigger.text == "strike"] == ["strike"]
    killing = [e for e in evs if e.type == "ASSAULT"]
    assert len(killing) == 1 and killing[0].dead == 1 and killing[0].modality == "asserted"
    e = one("Warplanes carried out a strike on a depot near Qaim.", "ASSAULT")
    assert e.trigger.text == "strike"


def test_the_possessor_of_a_killing_noun_is_its_victim():
    e = one("The authorities do not know the motive for Vargas Gonzalez's murder in Lantra.", "ASSAULT")
    assert names(e.actors) == "" and "Vargas Gonzalez" in names(e.recipients) and e.dead == 1


def test_an_inverted_casualty_report_joins_the_attack():
    e = one("As a result of the rebel attack on the town, an agronomist was killed. "
            "Also injured was a street vendor identified as Maria Perales.", "ASSAULT")
    assert (e.dead, e.injured) == (1, 1)


def test_a_participle_describing_a_noun_reports_a_past_killing():
    e = one("The treaty will be applied only to compensate the relatives of the former minister murdered "
            "in Lantra.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 1
    e = one("The president revealed the names of the men involved in the six priests' slaying.", "ASSAULT")
    assert e.dead == 6 and "men" in names(e.actors)


def test_a_past_relative_clause_is_a_fact_and_a_planned_attack_is_planned():
    e = one("The rebels demanded guarantees for unions after the attack on the federation, in which 10 union "
            "members were killed.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 10
    assert one("They plan an attack on the capital.", "ASSAULT").modality == "planned"


def test_an_apposition_that_describes_the_victim_is_not_a_second_victim():
    e = one("The assassination on 22 March of Bernardo Jarel, its presidential candidate, forced the party "
            "to withdraw.", "ASSAULT")
    assert e.dead == 1


def test_a_victim_list_the_parser_breaks_is_counted_from_its_words():
    e = one("Three judges resigned over the murders of the governor of Solano, another judge, and the Solano "
            "police commander.", "ASSAULT")
    assert e.dead == 3
    e = one("A senator said the murder of the five monks, a cook, and her daughter was the work of the army.", "ASSAULT")
    assert e.dead == 7
    assert not e.actors  # the senator reports the murder; he did not commit it
    e = one("Papers linking the cartel to the assassinations of Luis Arenal, Mario Jaral Ossa, and of Colonel "
            "Ramon Quintal were found.", "ASSAULT")
    assert e.dead == 3


def test_a_list_stops_at_descriptions_and_inside_an_of_phrase():
    e = one("Gunmen killed Rosa Velar, wife of Colonel Pablo Velar of the planning and logistics department of "
            "the army, in Orvalle.", "ASSAULT")
    assert e.dead == 1
    e = one("Gunmen killed Juan Perlo, a Reuter photographer, and his driver in Orvalle.", "ASSAULT")
    assert e.dead == 2
    e = one("The attacks left two dead and three injured in Orvalle.", "ASSAULT")
    assert (e.dead, e.injured) == (2, 3)  # two effects, not a list of five people


def test_a_run_together_number_word_counts():
    e = one("THIRTYTHREE SOVIET SEAMEN HAVE BEEN INJURED IN THE PORT OF CALLAO BY A BOMB.", "ASSAULT")
    assert e.injured == 33


def test_a_charge_or_suspicion_presupposes_the_killing_and_names_the_accused():
    e = one("He backs the decision to prosecute the eight officers charged with killing six priests.", "ASSAULT")
    assert e.modality == "claimed" and e.dead == 6
    assert "officers" in names(e.actors)
    e = one("Police showed photographs of five men suspected of killing the candidate Luis Garvel.", "ASSAULT")
    assert e.modality == "claimed" and e.dead == 1 and "men" in names(e.actors)
    e = one("Two soldiers were not charged with the killing.", "ASSAULT")
    assert e.modality == "negated"


def test_a_death_from_weapon_wounds_is_an_attack_and_a_natural_death_is_not():
    e = one("The candidate Bernardo Olsa died from gunshot wounds in Bogota on Thursday.", "ASSAULT")
    assert e.mode == "firearms" and e.dead == 1
    assert not [e for e in events("The old mayor died of a heart attack on Monday.") if e.type == "ASSAULT"]


def test_coordinated_killing_nouns_share_their_victims_and_a_killed_persons_participle_counts():
    e = one("The leaders fled after the kidnapping and assassination of five university students.", "ASSAULT")
    assert e.dead == 5
    e = one("Navarro, who replaced the assassinated Carlos Pizal, believes peace is near.", "ASSAULT")
    assert e.dead == 1 and names(e.recipients) == "Carlos Pizal"
    assert not [e for e in events("The wounded soldier was taken to a hospital in Orvalle.") if e.dead]


def test_an_aside_in_brackets_does_not_end_a_victim_list():
    e = one("The murders of the leader of the Union Party (UP), a judge, and the mayor of Orvalle shocked the "
            "country.", "ASSAULT")
    assert e.dead == 3


def test_shot_dead_counts_and_the_acled_type_follows_whom_an_attack_hits():
    e = one("Gunmen shot dead a journalist in Kabul on Monday.", "ASSAULT")
    assert e.dead == 1
    assert (e.acled.event_type, e.acled.sub_event_type) == ("Violence against civilians", "Attack")
    assert one("Police shot two protesters dead in Lagos.", "ASSAULT").dead == 2
    e = one("Rebels attacked soldiers at a checkpoint near Mosul on Monday.", "ASSAULT")
    assert (e.acled.event_type, e.acled.sub_event_type) == ("Battles", "Armed clash")
    e = one("A roadside bomb killed three villagers near Mosul on Monday.", "ASSAULT")
    assert e.acled.event_type == "Explosions/Remote violence"  # the weapon decides, whoever is hit


def test_acled_crosswalk_by_recipient_codes():
    assert acled("ASSAULT", None, ["---CVL", "---MED"]).event_type == "Violence against civilians"
    assert acled("ASSAULT", "firearms", ["---CVL", "IRQMIL"]).event_type == "Battles"
    assert acled("ASSAULT", None, [None]).event_type == "Battles"  # nobody coded: the type's row
    assert acled("ASSAULT", "aerial", ["---CVL"]).sub_event_type == "Air/drone strike"


def test_a_clash_names_the_other_side_and_a_killing_in_a_gun_battle_names_the_shooters():
    e = one("Government troops clashed with Taliban fighters near Kandahar on Sunday.", "ASSAULT")
    assert "Government troops" in names(e.actors) and "Taliban fighters" in names(e.recipients)
    e = one("Omar Hadi was killed in a gun battle with police in Mosul on Friday.", "ASSAULT")
    assert names(e.actors) == "police" and "Omar Hadi" in names(e.recipients) and e.dead == 1
    e = one("Rebels fought with rifles and grenades near Goma.", "ASSAULT")
    assert not e.recipients  # weapons are no side


def test_the_people_killed_are_recipients_beside_the_place_hit():
    e = one("Soldiers killed six Jesuit priests, a woman and her daughter at the university.", "ASSAULT")
    assert "Jesuit priests" in names(e.recipients) and "daughter" in names(e.recipients) and e.dead == 8
    assert e.acled.event_type == "Violence against civilians"


def test_an_arrest_with_its_own_actor_is_its_own_event():
    evs = events("Police arrested 45 people after clashes in central Paris.")
    arrest = next(e for e in evs if e.type == "COERCE")
    assert arrest.mode == "arrest" and arrest.arrested == 45 and names(arrest.actors) == "Police"


def test_a_weapon_platform_named_with_its_owner_is_the_actor_and_gives_the_mode():
    e = one("Israeli warplanes struck targets in Gaza overnight, killing at least 12 people.", "ASSAULT")
    assert names(e.actors) == "Israeli warplanes" and e.actors[0].code == "ISRMIL" and e.mode == "aerial"
    e = one("U.S. aircraft carried out a strike on a weapons depot near Al-Qaim.", "ASSAULT")
    assert names(e.actors) == "U.S. aircraft" and e.mode == "aerial"
    e = one("A bomb exploded in the crowded market of Hilla.", "ASSAULT")
    assert not e.actors  # an ownerless weapon is the instrument


def test_a_collective_actor_keeps_the_of_phrase_that_says_who_they_are():
    e = one("A group of heavily armed men attacked the mayor's house in Orvalle.", "ASSAULT")
    assert names(e.actors) == "group of heavily armed men"


def test_a_named_possessor_stays_in_the_participant():
    e = one("Gunmen attacked the president's home in Orvalle.", "ASSAULT")
    assert names(e.recipients) == "president's home"
    e = one("Gunmen attacked his home in Orvalle.", "ASSAULT")
    assert names(e.recipients) == "home"


def test_a_weapons_placer_a_participles_agent_and_a_possessive_pronouns_antecedent_act():
    e = one("The bomb, allegedly detonated by urban guerrillas, blew up a power tower in Orvalle.", "ASSAULT")
    assert "urban guerrillas" in names(e.actors) and "power tower" in names(e.recipients)
    e = one("A house burned by the rebels collapsed in Orvalle.", "ASSAULT")
    assert names(e.actors) == "rebels" and names(e.recipients) == "house"
    e = one("The FMLN decreed a suspension of its attacks on civilian officials.", "ASSAULT")
    assert e.actors[0].code == "SLVREB"
    assert not [e for e in events("On Friday, 16 March, the army left Orvalle.") if e.type == "PROTEST"]


def test_a_year_before_an_attack_word_is_no_toll():
    e = one("He recalled the 1932 massacre in Izalco.", "ASSAULT")
    assert e.dead is None
    assert one("The 2004 bombing killed 191 people.", "ASSAULT").dead == 191


def test_who_claims_responsibility_is_the_actor_and_a_refusal_does_not_undo_the_attack():
    e = one("The Islamic State claimed responsibility for the attack, which killed 14 soldiers.", "ASSAULT")
    assert names(e.actors) == "Islamic State" and e.dead == 14
    e = one("No group has claimed responsibility for the bombing in Kabul.", "ASSAULT")
    assert not e.actors
    e = one("The rebels did not claim responsibility for the bombing in Kabul.", "ASSAULT")
    assert e.modality == "asserted" and not e.actors


def test_launched_drones_is_an_attack_and_shot_dead_is_counted_once():
    e = one("Houthi rebels launched drones at Saudi oil facilities.", "ASSAULT")
    assert e.mode == "drone" and names(e.actors) == "Houthi rebels"
    e = one("Two Palestinians were shot dead by Israeli troops during clashes in Jenin.", "ASSAULT")
    assert e.dead == 2


def test_crowds_are_coded_as_who_they_are_and_an_elliptical_passive_names_its_target():
    e = one("Thousands of farmers protested in New Delhi against the new farm laws.", "PROTEST")
    assert e.actors[0].code == "---CVL"
    e = one("Dozens of protesters were arrested in Moscow on Sunday.", "COERCE")
    assert names(e.recipients) == "Dozens of protesters" and e.recipients[0].code == "---OPP"
    e = one("Iran threatened to close the Strait of Hormuz if attacked.", "ASSAULT")
    assert not e.actors and "Iran" in names(e.recipients) and e.modality == "hypothetical"
    e = one("The World Food Programme delivered aid to two million people in Yemen.", "AID")
    assert "people" in names(e.recipients)


def test_salvos_purpose_clauses_and_a_killing_in_an_airstrike_are_one_attack():
    e = one("Hezbollah fired dozens of rockets into northern Israel.", "ASSAULT")
    assert e.mode == "heavy-weapons" and names(e.actors) == "Hezbollah"
    e = one("Militants launched a barrage of missiles at the base near Erbil.", "ASSAULT")
    assert names(e.recipients) == "base"
    e = one("Police fired tear gas to disperse hundreds of protesters in Nairobi.", "ASSAULT")
    assert "protesters" in names(e.recipients)
    evs = [e for e in events("The army said it had killed 30 militants in airstrikes in the north.") if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].dead == 30 and evs[0].mode == "aerial"


def test_a_suicide_bombing_reported_again_as_the_bombing_is_one_event():
    text = ("A suicide bomber detonated explosives outside a school in western Kabul on Saturday, killing at least "
            "53 people.\n\nOn Sunday, police arrested two suspects in connection with the bombing.")
    evs = [e for e in events(text, published="2021-05-09") if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].mode == "suicide-attack" and evs[0].dead == 53


def test_a_date_is_no_actor_and_a_possessed_killing_happened():
    e = one("A court linked the colonel to the March 1980 assassination of Archbishop Oscar Romero.", "ASSAULT")
    assert not e.actors and e.dead == 1
    e = one("The decision to prosecute the officers involved in the Jesuits' murder caused division.", "ASSAULT")
    assert e.modality == "asserted" and "officers" in names(e.actors)


def test_the_target_of_an_attack_named_by_to_be():
    e = one("The presidential residence was the target of an attack in San Salvador tonight.", "ASSAULT")
    assert names(e.recipients) == "presidential residence"
    e = one("The targets of the attacks were the bank branches in Medellin.", "ASSAULT")
    assert names(e.recipients) == "bank branches"


def test_accidents_and_disasters_are_no_attacks():
    for text in ("Two people were killed in a car accident on the highway near Lyon.",
                 "The earthquake killed 300 people in eastern Turkey.",
                 "Four Americans were killed when their plane crashed in southern Angola.",
                 "As the clocks struck midnight, the crowd cheered in Paris."):
        assert not [e for e in events(text) if e.type == "ASSAULT"], text
    assert one("Two soldiers were killed in an ambush near Goma.", "ASSAULT").dead == 2


def test_an_obligation_is_no_fact():
    e = one("The army must stop attacking civilians in the north.", "ASSAULT")
    assert e.modality == "hypothetical"


def test_an_attack_in_retaliation_for_a_killing_is_another_event_with_its_own_toll_and_date():
    text = ("Iran fired a volley of ballistic missiles at the Ain al-Asad air base early on Wednesday, in "
            "retaliation for the U.S. killing of Gen. Qassem Soleimani, officials said.")
    evs = [e for e in events(text, published="2020-01-08") if e.type == "ASSAULT"]
    missiles = next(e for e in evs if e.mode == "heavy-weapons")
    killing = next(e for e in evs if e is not missiles)
    assert missiles.dead is None and killing.dead == 1
    assert killing.date.source == "published"  # Wednesday is the missiles' day


def test_a_stated_interval_before_a_dated_event_dates_the_earlier_one():
    text = ("Iraq's parliament voted on Sunday to urge the government to expel foreign troops, two days after "
            "a U.S. strike in Baghdad killed the Iranian commander Qassem Soleimani.")
    e = next(e for e in events(text, published="2020-01-05") if e.type == "ASSAULT")
    assert e.date.value == "2020-01-03"  # Friday, two days before Sunday's vote


def test_who_strikes_makes_a_strike_a_work_stoppage():
    e = one("The court ruled that the strike by port employees was illegal.", "PROTEST")
    assert e.mode == "strike"
    assert not [x for x in events("The court ruled that the strike by port employees was illegal.") if x.type == "ASSAULT"]
    assert one("The strike by the warplanes killed 20 people.", "ASSAULT").dead == 20


def test_an_attack_in_words_is_an_accusation():
    for text in ("The senator harshly attacked the interior minister on Monday.",
                 "The opposition leader attacked the government's budget."):
        evs = events(text)
        assert [e.type for e in evs] == ["ACCUSE"], [(e.type, e.trigger.text) for e in evs]
        assert evs[0].mode == "disapprove"
    assert one("Rebels fiercely attacked the army garrison.", "ASSAULT").modality == "asserted"


def test_a_subject_that_names_no_one_is_a_toll_of_nought_or_a_denial():
    e = one("Rebels attacked the garrison on Monday. No one was killed.", "ASSAULT")
    assert e.dead == 0 and "one" not in names(e.recipients)
    assert len([x for x in events("Rebels attacked the garrison on Monday. No one was killed.") if x.type == "ASSAULT"]) == 1
    e = one("No soldiers were wounded in the attack on the base.", "ASSAULT")
    assert e.modality == "asserted" and e.injured == 0
    e = one("A bomb exploded under a bus and wounded 16 sailors. Fortunately, no one was seriously hurt.", "ASSAULT")
    assert e.injured == 16
    e = one("In this province no priest has ever been jailed or murdered.", "ASSAULT")
    assert e.modality == "negated" and e.dead is None


def test_a_denied_report_denies_its_event_and_a_content_clause_names_no_victim():
    e = one("The minister denied the report that the army is bombing villages.", "ASSAULT")
    assert e.modality == "negated"
    e = one("The minister rejected claims that soldiers had killed the students.", "ASSAULT")
    assert e.modality == "negated" and names(e.recipients) == "students"
    assert one("The government denied reports of a massacre in the village.", "ASSAULT").modality == "negated"
    assert "workers" in names(one("The ten workers killed in the attack were buried.", "ASSAULT").recipients)


def test_a_list_the_parser_breaks_before_a_passive_casualty_verb_counts_every_item():
    text = ("The ministry published its report after a police colonel, a judge, and candidate Senator Luis "
            "Carlos Galan were murdered last week.")
    assert one(text, "ASSAULT").dead == 3
    assert one("The command post was also attacked on 30 July, and one person was killed.", "ASSAULT").dead == 1
    assert one("Thirtythree Soviet seamen have been injured by a bomb.", "ASSAULT").injured == 33


def test_the_dead_and_the_injured_named_through_be_or_include():
    e = one("A bomb exploded at the market. The injured were Heriberto Lopez, 53; Jaime Suarez, 24; "
            "and Noralba Beltran, 23.", "ASSAULT")
    assert e.injured == 3 and "Noralba Beltran" in names(e.recipients)
    e = one("A bomb exploded at the market and killed 12 people. The dead included two policemen.", "ASSAULT")
    assert e.dead == 12 and "policemen" in names(e.recipients)  # "included": some of them
    e = one("Gunmen killed Pedro Ortiz, 24, and Abel Portillo, 31.", "ASSAULT")
    assert e.dead == 2  # ages are no victims


def test_whom_a_sentence_blames_for_an_attack_is_its_claimed_actor():
    e = one("Authorities attribute the attacks to drug traffickers.", "ASSAULT")
    assert names(e.actors) == "drug traffickers" and e.modality == "claimed"
    assert names(one("Police blamed the bombing on the rebels.", "ASSAULT").actors) == "rebels"
    assert names(one("The attack on the base has been blamed on the guerrillas.", "ASSAULT").actors) == "guerrillas"
    assert names(one("Officials accused the rebels of the massacre.", "ASSAULT").actors) == "rebels"
    e = one("They tried to place the responsibility for the assassination of the priests on junior officers.", "ASSAULT")
    assert names(e.actors) == "junior officers" and "officers" not in names(e.recipients)


def test_who_burned_or_bled_to_death_is_a_victim_not_an_actor():
    e = one("Five children burned to death when rebels set fire to the house.", "ASSAULT")
    assert e.dead == 5 and names(e.actors) == "rebels" and "children" in names(e.recipients)
    assert names(one("Soldiers shot two students to death.", "ASSAULT").actors) == "Soldiers"


def test_what_blew_up_is_a_target_not_the_actor():
    e = one("The bus blew up near the market.", "ASSAULT")
    assert not e.actors and names(e.recipients) == "bus"
    assert names(one("The suicide bomber blew himself up at the checkpoint.", "ASSAULT").actors) == "suicide bomber"


def test_attack_words_used_of_ills_sanctions_and_evidence_are_no_attacks():
    for text in ("The ministry set aside money to attack the virus.", "They found a virus to attack.",
                 "The administration hit 13 officials with sanctions.",
                 "The regulator hit the company with a lawsuit.",
                 "He faces one count of destroying evidence."):
        assert not [e for e in events(text) if e.type == "ASSAULT"], text
    e = one("The administration hit 13 officials with sanctions.", "SANCTION")
    assert names(e.actors) == "administration" and "officials" in names(e.recipients)
    assert one("Rebels attacked the village with rifles.", "ASSAULT").mode == "firearms"


def test_the_by_phrase_of_an_event_noun_names_its_actor():
    assert names(one("The bombing by ETA killed two people.", "ASSAULT").actors) == "ETA"
    assert names(one("The murder of the judge by the gunmen shocked the city.", "ASSAULT").actors) == "gunmen"


def test_a_participle_hung_on_a_place_belongs_to_the_blast_and_another_is_one_more():
    e = one("A bomb went off in the lobby of the hotel, killing three guests and wounding another.", "ASSAULT")
    assert e.dead == 3 and e.injured == 1 and "hotel" not in names(e.actors)


def test_nationalities_after_a_number_say_who_they_were_not_how_many_more():
    assert one("Gunmen killed four engineers, three Peruvians and a Chilean.", "ASSAULT").dead == 4
    assert one("Gunmen killed two Peruvians and a Chilean.", "ASSAULT").dead == 3


def test_victims_named_past_an_inserted_phrase_a_date_or_a_partitive_are_counted():
    e = one("The gang assassinated in less than a week, magistrate Ana Ruiz and Colonel Pedro Vega.", "ASSAULT")
    assert e.dead == 2
    e = one("The unions condemned the kidnapping and assassination on 2 March of Luis Ortega Cano, a teacher.", "ASSAULT")
    assert e.dead == 1 and "Luis Ortega Cano" in names(e.recipients)
    e = one("The party condemned the murder of the governor and two of his drivers.", "ASSAULT")
    assert e.dead == 3 and "two of his drivers" in names(e.recipients)
    assert one("The mayor, who replaced the assassinated carlos ruiz, spoke today.", "ASSAULT").dead == 1
    assert one("Gunmen killed leader of the union Juan Perez.", "ASSAULT").dead == 1  # a title with no article


def test_a_wounding_is_an_attack_and_an_amount_of_money_no_victim():
    e = one("The judge ordered an inquiry into the wounding of two cameramen.", "ASSAULT")
    assert e.injured == 2
    e = one("Two shops were bombed, resulting in the injury of four people and millions in damage.", "ASSAULT")
    assert e.injured == 4


def test_an_event_a_later_time_is_reckoned_from_happened():
    e = one("After the killings of three judges, the new law will give the police more powers.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 3


def test_shot_dead_before_the_object_counts_the_object():
    e = one("Gunmen shot dead two policemen in the market on Monday.", "ASSAULT")
    assert e.dead == 2 and names(e.recipients) == "policemen"


def test_what_a_reporting_verb_reports_takes_no_mood_from_above_it():
    e = one("The commission wants to report that soldiers burned three villages.", "ASSAULT")
    assert e.modality == "claimed"


def test_a_negated_killing_has_no_toll():
    e = one("He was not killed but wounded in the ambush.", "ASSAULT")
    negated = [x for x in events("He was not killed but wounded in the ambush.") if x.modality == "negated"]
    assert negated and all(x.dead is None for x in negated) and e is not None
    assert one("Rebels attacked the garrison. No one was killed.", "ASSAULT").dead == 0


def test_a_weapon_platform_with_its_owner_in_a_by_phrase_is_the_actor():
    assert names(one("The strike by Russian warplanes killed 20 people.", "ASSAULT").actors) == "Russian warplanes"


def test_a_negated_verb_around_a_presupposed_event_does_not_deny_it():
    assert one("The government did not condemn the murder of the priests.", "ASSAULT").modality == "asserted"
    assert one("The army did not carry out the attack on the village.", "ASSAULT").modality == "negated"


def test_a_building_keeps_the_of_phrase_that_says_whose_it_is():
    e = one("Guerrillas bombed the offices of the electoral council.", "ASSAULT")
    assert names(e.recipients) == "offices of the electoral council"
    assert names(one("Rebels attacked the town of Suchitoto.", "ASSAULT").recipients) == "town"


def test_instruments_are_weapons_with_their_hyphenated_modifiers_not_the_event_word():
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events import mentions

    def instruments(text):
        return sorted({i for m in mentions(code_context(text, "2020-03-10")) for i in m.instruments})

    assert instruments("Troops opened fire on the crowd.") == []
    assert instruments("The air raid killed two soldiers.") == []
    assert instruments("The mortar attack killed two soldiers.") == ["mortar"]
    assert instruments("A car-bomb exploded in the market.") == ["car-bomb"]


def test_striking_down_a_law_or_destroying_a_feeling_is_no_attack():
    for text in ("The Supreme Court struck down the law on extradition.",
                 "The bombing was aimed at destroying the will of the people."):
        assert [e.trigger.text for e in events(text) if e.type == "ASSAULT"] == (
            [] if "law" in text else ["bombing"]), text


def test_whom_an_accusation_names_is_the_actor_even_when_its_of_hangs_on_them():
    e = one("The movement accused the army of assassinating candidate Carlos Pizarro.", "ASSAULT")
    assert e.modality == "claimed" and names(e.actors) == "army" and e.dead == 1


def test_the_killing_of_one_named_person_and_of_four_others_are_two_events():
    evs = [e for e in events("Gunmen assassinated candidate Carlos Pizarro on Monday. The party blamed the "
                             "oligarchy for the assassination of four presidential candidates in the past "
                             "few years.") if e.type == "ASSAULT"]
    assert sorted(e.dead for e in evs) == [1, 4]


def test_a_name_of_letters_and_digits_is_no_number_of_victims():
    assert one("Gunmen killed M-19 presidential candidate carlos pizarro.", "ASSAULT").dead == 1


def test_neither_x_nor_y_claims_nothing():
    e = one("Neither the guerrillas nor any other organization has claimed responsibility for the murder "
            "of the minister.", "ASSAULT")
    assert names(e.actors) == "" and e.dead == 1


def test_an_attack_in_a_speech_is_words_and_a_social_explosion_no_blast():
    assert one("The senator attacked the plan in an interview on Sunday.", "ACCUSE").mode == "disapprove"
    assert one("The general attacked the programs in several public speeches.", "ACCUSE")
    assert not [e for e in events("Drug money prevents a social explosion in Bolivia.") if e.type == "ASSAULT"]


def test_a_participant_keeps_the_adverb_of_its_adjective_but_no_time():
    e = one("Yesterday heavily armed men attacked the bank.", "ASSAULT")
    assert names(e.actors) == "heavily armed men"


def test_a_name_before_a_killing_noun_is_no_actor_unless_the_victims_follow():
    assert names(one("The Fenastras massacre shocked the country.", "ASSAULT").actors) == ""
    e = one("The Carlos Pizarro murder remains unsolved.", "ASSAULT")
    assert names(e.actors) == "" and names(e.recipients) == "Carlos Pizarro" and e.dead == 1
    assert names(one("The FMLN massacre of civilians was condemned.", "ASSAULT").actors) == "FMLN"
    assert names(one("The ETA bombing killed two people.", "ASSAULT").actors) == "ETA"


def test_what_an_attack_or_weapon_hits_is_its_target_even_a_market():
    e = one("The raid by Arlenian jets hit a market in Tolvo.", "ASSAULT")
    assert names(e.actors) == "Arlenian jets" and names(e.recipients) == "market"
    assert names(one("A mortar shell struck the bank.", "ASSAULT").recipients) == "bank"
    assert not [e for e in events("The new phone hit the market on Monday.") if e.type == "ASSAULT"]


def test_a_report_to_come_of_a_past_attack_is_a_claim_not_a_plan():
    e = one("The commission will report that soldiers burned three villages.", "ASSAULT")
    assert e.modality == "claimed"
    assert one("The commission will report that soldiers will burn three villages.", "ASSAULT").modality == "planned"


def test_those_held_or_suspected_for_an_attack_are_its_alleged_actors():
    e = one("The president announced the arrest of 45 soldiers for killing six priests.", "ASSAULT")
    assert names(e.actors) == "soldiers" and e.modality == "claimed" and e.dead == 6
    e = one("The authorities have arrested two suspects in the attack against the soldiers.", "ASSAULT")
    assert names(e.actors) == "suspects" and names(e.recipients) == "soldiers"
    assert names(one("Three persons suspected of participating in the attack were released.", "ASSAULT").actors) == "persons"
    assert names(one("Two men were charged with the murder of the mayor.", "ASSAULT").actors) == "men"
    assert names(one("Two men were jailed for the murder of the mayor.", "ASSAULT").actors) == "men"


def test_the_part_of_a_building_an_attack_damages_stands_for_the_building():
    e = one("A violent explosion damaged the windows and facing of the Arlenian consulate.", "ASSAULT")
    assert names(e.recipients) == "Arlenian consulate"
    e = one("The explosion caused serious damage to the embassy building and to nearby structures.", "ASSAULT")
    assert names(e.recipients) == "embassy building | nearby structures"


def test_firing_on_someone_is_an_attack_and_coordinated_places_are_all_targets():
    e = one("Soldiers fired on the convoy and on the village.", "ASSAULT")
    assert e.mode == "firearms" and names(e.actors) == "Soldiers" and names(e.recipients) == "convoy | village"
    e = one("Two bombs exploded at the house of the judge and at the offices of the mayor.", "ASSAULT")
    assert names(e.recipients) == "house of the judge | offices of the mayor"
    e = one("The rebels set the city hall on fire, destroying valuable documents.", "ASSAULT")
    assert e.mode == "primitive" and names(e.recipients) == "city hall"
    for text in ("The company fired him on Monday.", "Police fired into the air.", "The store caught fire on Monday."):
        assert not [e for e in events(text) if e.type == "ASSAULT"], text


def test_a_total_of_counts_its_victims_and_a_salvo_is_no_actor():
    e = one("A total of 12 people were killed in the attack.", "ASSAULT")
    assert e.dead == 12 and names(e.recipients) == "people"
    assert one("The attack killed a total of 12 people.", "ASSAULT").dead == 12
    assert names(one("A barrage of rockets hit the base.", "ASSAULT").actors) == ""
    assert names(one("A total of 55 bullets hit the car.", "ASSAULT").actors) == ""


def test_a_group_calling_itself_x_is_x():
    e = one("A group calling itself the Red Brigade claimed responsibility for the bombing of the bank.", "ASSAULT")
    assert names(e.actors) == "Red Brigade"
    assert names(one("A group known as the Extraditables claimed the attack on the bank.", "ASSAULT").actors) == "Extraditables"
    assert names(one("Gunmen killed a man identified as Juan Perez.", "ASSAULT").recipients) == "man"


def test_a_victim_who_dies_after_the_attack_is_its_dead_whichever_is_told_first():
    e = [e for e in events("Gunmen shot the mayor on Monday. He died in hospital on Wednesday.", "2020-03-12")
         if e.type == "ASSAULT"][0]
    assert e.dead == 1 and e.date.value == "2020-03-09" and names(e.recipients) == "mayor"
    e = one("A U.S. citizen died at the hospital early this morning. The U.S. citizen was shot last night "
            "when gunmen tried to enter his house.", "ASSAULT")
    assert e.dead == 1 and e.date.value.startswith("2020-03-09") and "hospital" not in names(e.recipients)
    evs = [e for e in events("A policeman died on Friday. Gunmen shot a policeman on Tuesday.") if e.type == "ASSAULT"]
    assert [e.dead for e in evs] == [None]  # a death before the attack is not its toll


def test_a_reporter_is_no_actor_a_time_no_target_and_destroying_cocaine_no_attack():
    e = one("Spokesmen for the 5th Brigade reported 5 soldiers killed, several wounded, and 12 rebel casualties.",
            "ASSAULT")
    assert names(e.actors) == "" and e.dead == 5
    e = one("Rebels ambushed an air force helicopter at 1700 GMT on 29 March.", "ASSAULT")
    assert names(e.recipients) == "air force helicopter"
    for text in ("The police destroyed 1,200 kg of cocaine and 14 laboratories.",
                 "The army destroyed 14 cocaine laboratories."):
        assert not [e for e in events(text) if e.type == "ASSAULT"], text
    assert names(one("Rebels destroyed the bridge.", "ASSAULT").recipients) == "bridge"


def test_a_war_or_violence_is_no_actor_and_a_body_part_no_target():
    assert names(one("The 10-week war, which killed more than 1,000 people, ended in June.", "ASSAULT").actors) == ""
    e = one("The violence has killed more than 70,000 people.", "ASSAULT")
    assert names(e.actors) == "" and e.dead == 70000
    e = one("Gunmen shot two men in the back.", "ASSAULT")
    assert names(e.recipients) == "men"
    assert names(one("The guard was hit on the left hand.", "ASSAULT").recipients) == "guard"


def test_an_office_a_governor_occupies_is_no_occupation():
    assert not [e for e in events("The governor occupies the post since 1988.") if e.type == "ASSAULT"]
    e = one("A civilian office occupied by the provincial governor was the objective of the attack.", "ASSAULT")
    assert e.trigger.text == "attack" and names(e.actors) == ""
    assert names(one("Rebels occupied the town hall on Monday.", "ASSAULT").actors) == "Rebels"


def test_talks_with_x_name_x_and_a_called_for_resignation_is_wanted_not_done():
    e = one("The emir held talks with Rouhani on Sunday.", "CONSULT")
    assert names(e.actors) == "emir" and names(e.recipients) == "Rouhani"
    assert one("Protesters called for the resignation of the prime minister.", "RETREAT").modality == "hypothetical"
    assert one("The UN appealed for the release of the hostages.", "RETREAT").modality == "hypothetical"
    assert one("The rebels claimed responsibility for the bombing of the bank.", "ASSAULT").modality == "asserted"
    e = one("The leader vowed harsh revenge on Friday for the killing of General Arvel.", "ASSAULT")
    assert e.modality == "asserted"  # a reason, not a wish


def test_held_talks_stays_an_event_when_the_parser_gives_held_a_second_object():
    e = one("Qatar's emir, Sheikh Tamim bin Hamad Al Thani, held talks with Iranian President Hassan Rouhani "
            "in Tehran on Sunday, the first visit by a foreign head of state since the killing of Gen. "
            "Qassem Soleimani.", "CONSULT")
    assert "Qatar's emir" in names(e.actors) and names(e.recipients) == "Iranian President Hassan Rouhani"


def test_the_killing_of_a_named_person_and_a_later_downing_of_a_plane_are_two_events():
    """The bundled Qatar article: a shared city alone had joined the two attacks."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "articles" / "articles.jsonl"
    art = next(a for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())
               if a["title"].startswith("Qatar's emir visits Tehran"))
    assaults = [e for e in events(art["text"], art["published"]) if e.type == "ASSAULT"]
    killing = next(e for e in assaults if e.trigger.text == "killing")
    assert [r.name for r in killing.recipients] == ["Qassem Soleimani"] and len(assaults) == 2


def test_a_warning_is_a_threat_but_not_a_storm_warning_nor_without_warning():
    assert one("Iran issued a warning to the United States on Friday.", "THREATEN")
    assert not [e for e in events("Forecasters issued a storm warning.") if e.type == "THREATEN"]
    assert not [e for e in events("Gunmen opened fire without warning on the crowd.") if e.type == "THREATEN"]
    assert one("The army withdrew without firing a shot.", "ASSAULT").modality == "negated"


def test_the_of_phrase_of_a_withdrawal_or_resignation_acts_and_is_asked_to():
    e = one("Iraq's parliament called for the withdrawal of U.S. troops.", "RETREAT")
    assert names(e.actors) == "U.S. troops" and e.modality == "hypothetical"
    assert names(one("Iraq's parliament called for the withdrawal of U.S. troops.", "REQUEST").recipients) == "U.S. troops"
    assert names(one("Protesters called for the prime minister's resignation.", "REQUEST").recipients) == "prime minister"
    assert names(one("A rally of 5,000 supporters was held in the capital.", "PROTEST").actors) == "supporters"
    assert names(one("The withdrawal of the proposal surprised analysts.", "RETREAT").actors) == ""  # no one acts
    e = one("Iraqi politicians called on the United States to withdraw its troops.", "RETREAT")
    assert names(e.actors) == "United States"  # the one called on, not the callers


def test_a_relative_clause_after_a_comma_stands_for_the_whole_coordination():
    e = one("Police arrested three men and a dark-haired girl, who participated in the attack.", "ASSAULT")
    assert names(e.actors) == "men | dark-haired girl"
    e = one("Police questioned the driver and a woman who was wounded in the attack.", "ASSAULT")
    assert names(e.recipients) == "woman" and e.injured == 1


def test_those_behind_an_attack_or_its_authors_are_its_actors():
    assert names(one("Police said that the FARC is behind the bombing of the bank.", "ASSAULT").actors) == "FARC"
    assert names(one("The authors of the assassination are rightist sectors, Arias added.", "ASSAULT").actors) == "rightist sectors"
    assert names(one("Police named Juan Perez as the mastermind of the attack.", "ASSAULT").actors) == "Juan Perez"
    assert names(one("Juan Perez, the mastermind of the attack, was arrested.", "ASSAULT").actors) == "Juan Perez"
    assert names(one("The authors of the report said the attack killed five.", "ASSAULT").actors) == ""
    assert names(one("The perpetrators of the massacre fled.", "ASSAULT").actors) == ""


def test_arrested_for_reads_through_a_coordination_and_a_wave_of_attacks_has_its_launcher():
    e = one("The arrest of 45 soldiers and 2 officers for killing 6 clergymen was announced.", "ASSAULT")
    assert names(e.actors) == "soldiers | officers" and e.modality == "claimed" and e.dead == 6
    e = one("The rebels launched a wave of attacks on army posts.", "ASSAULT")
    assert names(e.actors) == "rebels" and names(e.recipients) == "army posts"
    e = one("Since then, drug traffickers began a series of attacks with explosives against banks.", "ASSAULT")
    assert names(e.actors) == "drug traffickers" and names(e.recipients) == "banks"


def test_a_common_noun_with_a_name_in_apposition_is_coded_as_the_named_entity():
    e = one("The chief of the criminal gang, Pablo Escobar Gaviria, ordered the assassination of the policemen.", "ASSAULT")
    assert e.actors[0].text == "chief" and "Escobar" in e.actors[0].name and e.actors[0].entity_id


def test_who_stops_provokes_or_is_degraded_by_an_event_takes_no_part_in_it():
    e = one("To stop the wave of attacks on banks, the defense ministry placed the banks under military control.", "ASSAULT")
    assert names(e.actors) == "" and names(e.recipients) == "banks"
    assert names(one("The war between the cartels has provoked a wave of bomb attacks.", "ASSAULT").actors) == ""
    e = one("The effectiveness of the effort would be degraded by a U.S. pullout.", "RETREAT")
    assert names(e.recipients) == ""
    assert names(one("Two soldiers were hit by U.S. airstrikes.", "ASSAULT").recipients) == "soldiers"


def test_an_economy_whose_owner_is_named_stands_for_it_and_a_name_runs_on_through_of():
    e = one("The talks failed to ease tension with Iran, whose economy has been battered by U.S. sanctions.", "SANCTION")
    assert names(e.recipients) == "Iran"
    e = one("The Army of National Liberation kidnapped two engineers.", "ASSAULT")
    assert names(e.actors) == "Army of National Liberation"
    e = one("The forces of the regime attacked the town.", "ASSAULT")
    assert names(e.actors) == "regime"
    assert names(one("The administration struggled to deter attacks on bases in Iraq.", "ASSAULT").actors) == ""
    assert names(one("Residents said they heard loud explosions near the airport.", "ASSAULT").actors) == ""


def test_a_blast_beside_a_building_targets_it_and_a_broken_list_of_objects_stays_whole():
    assert names(one("A powerful dynamite charge exploded near the American embassy in La Paz.", "ASSAULT").recipients) == "American embassy"
    assert names(one("Another bomb exploded in front of a bank in Cartagena.", "ASSAULT").recipients) == "bank"
    assert names(one("The explosion outside the embassy killed two guards.", "ASSAULT").recipients) == "guards | embassy"
    assert names(one("A bomb exploded near the river.", "ASSAULT").recipients) == ""
    assert names(one("The terrorist attacks affected the main power line.", "ASSAULT").recipients) == "main power line"
    e = one("Spokesmen said that the guerrillas attacked the presidential residence, the Sheraton hotel's "
            "security corps, public works minister Mauricio Stubig's residence, and the central electoral council.", "ASSAULT")
    assert names(e.recipients) == ("presidential residence | Sheraton hotel's security corps | central electoral council"
                                   " | public works minister Mauricio Stubig's residence")


def test_a_passive_subject_the_parser_hung_inside_according_to():
    e = one("According to sources from the Jesuit curia, the rector of the university and five other priests "
            "were murdered at dawn today.", "ASSAULT")
    assert names(e.recipients) == "rector | other priests" and e.dead == 6


def test_a_toll_and_the_attack_in_its_when_clause_are_one_event():
    e = one("A guard was hurt when rebels attacked a power station.", "ASSAULT")
    assert e.trigger.text == "attacked" and names(e.actors) == "rebels" and e.injured == 1
    assert names(e.recipients) == "guard | power station"


def test_what_was_going_to_happen_or_is_refuted_did_not_happen_and_kills_no_one():
    e = one("They were going to kill the mayor.", "ASSAULT")
    assert e.modality == "planned" and e.dead is None
    assert one("What is the army used for? To massacre the people.", "ASSAULT").modality == "hypothetical"
    e = one("The report that the ambassador's daughter was seriously wounded by gunfire is absolutely unfounded.", "ASSAULT")
    assert e.modality == "negated" and e.injured is None
    assert one("The report that rebels attacked the town is not false.", "ASSAULT").modality != "negated"
    e = one("Iran threatened to attack U.S. bases.", "THREATEN")
    assert names(e.actors) == "Iran" and names(e.recipients) == "U.S. bases"


def test_the_first_to_kill_is_a_fact_and_a_killing_called_an_act_has_no_victim_act():
    e = one("The attack was the first to kill an American.", "ASSAULT")
    assert e.modality == "asserted" and e.dead == 1
    e = one("Rouhani said Iran would take revenge, while Zarif called the killing an act of international terrorism.", "ASSAULT")
    assert names(e.recipients) == "" and e.dead is None and e.modality == "asserted"  # a contrast keeps its mood


def test_vowing_revenge_is_a_threat_against_someone_and_an_event_s_own_object_is_no_recipient():
    e = one("Iran's Supreme Leader vowed harsh revenge against the United States on Friday.", "THREATEN")
    assert names(e.actors) == "Iran's Supreme Leader" and names(e.recipients) == "United States"
    assert one("The president vowed to support the peace talks.", "AGREE")
    assert names(one("The opposition attacked the government's policy on Monday.", "ACCUSE").recipients) == "government"
    assert names(one("The army sent troops to the border.", "MOBILIZE").recipients) == ""


def test_a_dateline_before_a_possessive_subject_leaves_the_actor_whole():
    e = one("TEHRAN (Levant Observer) — Iran's Supreme Leader Ayatollah Ali Khamenei vowed harsh revenge "
            "against the United States on Friday.", "THREATEN")
    assert names(e.actors) == "Iran's Supreme Leader Ayatollah Ali Khamenei" and names(e.recipients) == "United States"


def test_a_weapon_keeps_the_measure_that_counts_it():
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events import mentions

    ms = mentions(code_context("Guerrillas detonated 50 kg of dynamite at the power station.", "1990-01-01"))
    assert any("50 kg of dynamite" in i for m in ms for i in m.instruments)


def test_a_base_hosting_troops_is_no_visit_and_setting_off_a_bomb_is_an_attack():
    assert not [e for e in events("Rockets hit the Balad air base, which hosts American troops.") if e.type == "CONSULT"]
    assert one("Qatar hosted the Iranian president on Sunday.", "CONSULT").mode == "visit"
    e = one("Guerrillas set off a bomb at the bank.", "ASSAULT")
    assert e.mode == "explosives" and names(e.actors) == "Guerrillas"


def test_who_rules_out_an_attack_did_not_make_it_and_the_killing_points_back():
    assert names(one("Ukraine's embassy at first ruled out a terrorist attack.", "ASSAULT").actors) == ""
    evs = [e for e in events("The leader vowed revenge for the killing of General Arvel on Friday.\n\n"
                             "He appointed a new commander.\n\n"
                             "The minister called the killing an act of terrorism.") if e.type == "ASSAULT"]
    assert len(evs) == 1 and len(evs[0].mentions) == 2


def test_hostages_taken_and_a_verb_the_lemmatizer_does_not_know():
    e = one("Two Italian engineers were taken hostage at the dam site on Thursday.", "ASSAULT")
    assert e.mode == "abduct" and "engineers" in names(e.recipients)
    # "machinegunned": the lemmatizer guesses "machinegunne"
    e = one("Twenty terrorists machinegunned a bus on the coastal highway.", "ASSAULT")
    assert e.mode == "firearms" and names(e.actors) == "terrorists"


def test_the_country_an_embassy_represents_is_not_where_it_was_bombed():
    e = one("Police in Lima said terrorists bombed the embassy of China on Tuesday night.", "ASSAULT")
    assert e.location is not None and e.location.country == "PE"


def test_a_vehicle_loaded_with_explosives_is_the_bomb_and_a_weapon_modifier_is_an_instrument():
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events import mentions

    e = one("A car loaded with 80 kg of dynamite exploded in front of the judge's house.", "ASSAULT")
    assert names(e.actors) == "" and "house" in names(e.recipients) and "car" not in names(e.recipients)
    ms = mentions(code_context("A truck, packed with dynamite, exploded near the bank.", "1990-01-01"))
    assert any("dynamite" in i for m in ms for i in m.instruments)
    ms = mentions(code_context("Ten union members died in a dynamite attack on their office.", "1990-01-01"))
    assert any(i.lower() == "dynamite" for m in ms for i in m.instruments)


def test_whom_an_accusation_names_does_not_swallow_its_of_phrase():
    e = [e for e in events("Unidentified men killed a priest. The government accused the death squads of the murder.")
         if e.type == "ASSAULT"][0]
    assert "death squads" in names(e.actors) and "murder" not in names(e.actors)


def test_the_road_an_ambush_happened_on_is_where_not_whom():
    e = one("Guerrillas ambushed a bus on the Litoral highway.", "ASSAULT")
    assert names(e.recipients) == "bus"
