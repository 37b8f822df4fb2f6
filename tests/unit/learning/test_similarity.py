from learning import similarity


def test_words_drop_common_words_and_trim_plurals_and_ing():
    assert similarity.words("The safety huddles, using a screening tool") == {
        "safety",
        "huddle",
        "screen",
        "tool",
    }
    assert similarity.stem("policies") == "policy"
    assert similarity.stem("gas") == "gas"


def test_score_is_the_share_of_the_shorter_texts_words_found_in_the_other():
    assert similarity.score("Safety huddle", "A safety huddle at every shift change") == 1.0
    assert similarity.score("Safety huddle", "Safety cross") == 0.5
    assert similarity.score("Safety huddle", "Fluid balance") == 0.0
    assert similarity.score("", "Anything") == 0.0


def test_rank_puts_the_most_alike_first_and_leaves_out_those_sharing_nothing():
    ranked = similarity.rank(
        "Sepsis screening tool in ED",
        [
            (1, "Fluid balance charts"),
            (2, "Screening for sepsis at triage with a tool"),
            (3, "Sepsis six bundle"),
            (4, "Sepsis screening tool"),
        ],
    )
    assert [r.key for r in ranked] == [4, 2, 3]
    assert ranked[0].score == 1.0 and ranked[0].shared == 3


def test_rank_breaks_ties_by_the_words_shared_and_honours_the_limit():
    ranked = similarity.rank(
        "falls safety huddle", [(1, "huddle"), (2, "safety huddle"), (3, "falls")], limit=2
    )
    assert [r.key for r in ranked] == [2, 1]
