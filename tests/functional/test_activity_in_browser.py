import pytest
from playwright.sync_api import expect

from regions.models import ChampionRecruitment, TrainingRecord
from tests.factories import OrganisationFactory, region
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.slow
def test_a_lead_adds_a_training_record_after_fixing_an_error(page, sign_in, wessex_lead):
    OrganisationFactory(
        name="Southampton General Hospital", ods_code="RHM", region=region("wessex")
    )
    sign_in("lead.wessex")
    page.goto("/regions/wessex/")
    page.get_by_role("link", name="Activity records").click()
    expect(page.get_by_role("heading", name="Activity records")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Training delivered").click()
    expect(page.get_by_role("heading", name="Training delivered")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Add a training record").click()
    expect(page.get_by_role("heading", name="Add a training record")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Date delivered").fill("2016-06-01")
    page.get_by_label("Course or programme").fill("QI bronze: Southampton wards")
    page.get_by_role("radio", name="QI capability").check()
    page.get_by_label("Number of staff and others trained").fill("20")
    page.get_by_label("Of them, how many were patients or carers").fill("25")
    page.get_by_label("Organisation (optional)").select_option(
        label="Southampton General Hospital (RHM)"
    )
    page.get_by_role("button", name="Save training record").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Select the QI capability level: bronze, silver or gold")
    expect(alert).to_contain_text("The number of patients or carers (25) cannot be more")
    assert axe_violations(page) == []
    assert not TrainingRecord.objects.exists()

    page.get_by_role("radio", name="Bronze").check()
    page.get_by_label("Of them, how many were patients or carers").fill("2")
    page.get_by_role("button", name="Save training record").click()
    expect(
        page.get_by_text("The training “QI bronze: Southampton wards” on 1 June 2016 was added.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Southampton General Hospital (RHM)")).to_be_visible()
    record = TrainingRecord.objects.get()
    assert (record.qi_level, record.people_trained, record.patients_trained) == ("bronze", 20, 2)
    assert axe_violations(page) == []


def test_a_lead_uploads_a_csv_file_of_champions(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.goto("/regions/wessex/activity/champions/")
    page.get_by_role("link", name="Upload a CSV file of champion recruitments").click()
    expect(page.get_by_role("heading", name="Upload a CSV file")).to_be_visible()
    assert axe_violations(page) == []

    bad = b"date,kind,count\n2016-06-01,q_fellow,2\n2016-06-02,fellow,0\n"
    page.get_by_label("CSV file").set_input_files(
        {"name": "champions.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Upload and save").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved: the file has 2 problems")
    expect(page.get_by_role("heading", name="Problems in the file")).to_be_visible()
    assert axe_violations(page) == []
    assert not ChampionRecruitment.objects.exists()

    good = b"date,kind,count\n2016-06-01,q_fellow,2\n2016-06-02,patient_safety_champion,9\n"
    page.get_by_label("CSV file").set_input_files(
        {"name": "champions.csv", "mimeType": "text/csv", "buffer": good}
    )
    page.get_by_role("button", name="Upload and save").click()
    expect(page.get_by_text("The file is saved: 2 champion recruitments added.")).to_be_visible()
    expect(page.get_by_text("2 champion recruitments in all years")).to_be_visible()
    assert ChampionRecruitment.objects.count() == 2
    assert axe_violations(page) == []


@pytest.mark.slow
def test_a_lead_deletes_a_record_from_the_confirmation_page(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.goto("/regions/wessex/activity/culture/new/")
    page.get_by_label("Team assessed").fill("Ward 7")
    page.get_by_label("Date assessed").fill("2016-06-01")
    page.get_by_role("radio", name="SCORE survey").check()
    page.get_by_role("button", name="Save safety culture assessment").click()
    page.get_by_role("link", name="Delete the assessment of Ward 7 on 1 June 2016").click()
    expect(page.get_by_role("heading", name="Are you sure")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Delete safety culture assessment").click()
    expect(page.get_by_text("The assessment of Ward 7 on 1 June 2016 was deleted.")).to_be_visible()
