using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Domain.Tests.Actions;

namespace Copil.Domain.Tests.Reporting;

/// <summary>Art. 15: the bilan annuel — its missing-data list, its qualitative part, its versions and its validation by the signatories.</summary>
public sealed class AnnualReportTests
{
    private static readonly DateOnly Today = new(2022, 3, 15);

    [Fact]
    public void The_missing_data_list_names_every_action_whose_figures_are_not_counted_and_why()
    {
        var done = Figures.Committed(10_000_00).WithReport(true, 9_000_00, new BeneficiaryCount(TargetPublic.HighSchoolPupils, 100, 40, 50, 0));
        var notReported = Figures.Committed(5_000_00);
        var running = Figures.Committed(5_000_00) with { EndsOn = new DateOnly(2022, 2, 28) };
        var notAccepted = Figures.Committed(5_000_00).WithReport(false, 4_000_00, new BeneficiaryCount(TargetPublic.Students, 10, 5, 5, 0));
        var noYear = Figures.Committed(2_000_00) with { StartsOn = null };
        var decidedForNextYear = Figures.Committed(8_000_00, year: 2022) with { CommitteeValidatedOn = new DateOnly(2021, 12, 7) };

        var figures = AnnualReportFigures.Compute(2021, [done, notReported, running, notAccepted, noYear, decidedForNextYear], 100_000_00, [], c => c);

        Assert.Equal([done.Number, notReported.Number, running.Number, notAccepted.Number], figures.Actions.Select(a => a.Number));
        Assert.Equal(
            [("report.missing", notReported.Number), ("report.running", running.Number), ("report.not-accepted", notAccepted.Number), ("report.sex-unknown", done.Number), ("report.no-year", noYear.Number)],
            figures.Missing.Select(m => (m.Code, m.SheetNumber!.Value)));
        Assert.Contains("10 bénéficiaires dans 1 fiche de réalisation", figures.Missing[3].Message, StringComparison.Ordinal);
        Assert.Contains("30 juin 2021", figures.Missing[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, figures.ValidatedDuringYear);
        Assert.Equal(8_000_00, figures.ValidatedDuringYearCents);
    }

    [Fact]
    public void Money_issues_join_the_missing_data_list()
    {
        var figures = AnnualReportFigures.Compute(2021, [Figures.Committed(60_000_00).WithReport(true, 1, new BeneficiaryCount(TargetPublic.Students, 1, 1, 0, 0))], 50_000_00, [], c => c);

        Assert.Contains(figures.Missing, m => m.Code == "money.over-ceiling");
    }

    [Fact]
    public void A_report_is_for_a_year_that_has_ended_and_in_which_the_agreement_was_in_force()
    {
        var agreement = ActionSheetBuilder.Agreement();

        Assert.Equal("report.year.not-ended", Assert.Single(AnnualReport.Open(agreement, 2022, Today).Errors).Code);
        Assert.Contains("1er janvier 2023", AnnualReport.Open(agreement, 2022, Today).Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("report.year.out-of-term", AnnualReport.Open(agreement, 2019, Today).Errors[0].Code);
        Assert.True(AnnualReport.Open(agreement, 2021, Today).IsSuccess);
    }

    [Fact]
    public void The_due_date_is_the_day_before_30_april_moved_earlier_off_a_non_working_day()
    {
        var due = AnnualReport.DueDate(ActionSheetBuilder.Agreement().Terms, 2021);

        // 29 April 2022 is a Friday.
        Assert.Equal(new DateOnly(2022, 4, 29), due.Date);
        Assert.Contains("30 avril 2022", due.Explanation, StringComparison.Ordinal);
        // 29 April 2023 is a Saturday: the report is due on Friday 28.
        Assert.Equal(new DateOnly(2023, 4, 28), AnnualReport.DueDate(ActionSheetBuilder.Agreement().Terms, 2022).Date);
    }

    [Fact]
    public void Sent_versions_are_kept_and_every_signatory_but_the_opco_validates()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var report = AnnualReport.Open(agreement, 2021, Today).Value;
        var ministries = agreement.Parties.Where(p => p.IsState).ToList();
        Assert.Equal(ministries.Select(p => p.Id), AnnualReport.Validators(agreement).Select(p => p.Id));

        Assert.Equal("report.send.summary", report.Send(Today).Errors[0].Code);
        Assert.True(report.EditText(agreement, [new(null, "ignored", "Une année riche.\n\n- deux forums"), new(agreement.Axes[0].Id, "", "Axe 3.")]).IsSuccess);
        Assert.Equal("Synthèse de l'année", report.CurrentVersion.Sections[0].Heading);
        Assert.Equal(agreement.Axes[0].Title, report.CurrentVersion.Sections[1].Heading);
        Assert.True(report.Send(Today).IsSuccess);

        Assert.Equal("report.respond.comment", report.Respond(agreement, ministries[0].Id, validate: false, "  ", Today, "dgesco").Errors[0].Code);
        Assert.True(report.Respond(agreement, ministries[0].Id, validate: false, "Ajouter les chiffres par académie.", Today, "dgesco").IsSuccess);
        Assert.Equal(AnnualReportStatus.SentForValidation, report.Status);

        // Revising after a comment opens version 2; version 1 stays as it was sent.
        Assert.True(report.EditText(agreement, [new(null, "", "Une année riche, chiffres par académie en annexe.")]).IsSuccess);
        Assert.Equal(2, report.CurrentVersion.Number);
        Assert.Equal(AnnualReportStatus.Draft, report.Status);
        Assert.Equal("Une année riche.\n\n- deux forums", report.Versions[0].Sections[0].Text);
        Assert.Equal("report.respond.state", report.Respond(agreement, ministries[0].Id, true, null, Today, "dgesco").Errors[0].Code);

        Assert.True(report.Send(Today).IsSuccess);
        Assert.Equal(ministries.Count, report.Awaited(agreement).Count);
        Assert.True(report.Respond(agreement, ministries[0].Id, true, null, Today, "dgesco").IsSuccess);
        Assert.Equal("report.respond.twice", report.Respond(agreement, ministries[0].Id, true, null, Today, "dgesco").Errors[0].Code);
        var opco = agreement.Parties.Single(p => p.Kind == Copil.Domain.Agreements.PartyKind.Opco);
        Assert.Equal("report.respond.party", report.Respond(agreement, opco.Id, true, null, Today, "opco").Errors[0].Code);
        Assert.True(report.Respond(agreement, ministries[1].Id, true, null, Today, "dgesip").IsSuccess);

        Assert.Equal(AnnualReportStatus.Validated, report.Status);
        Assert.Equal("report.validated", report.EditText(agreement, []).Errors[0].Code);
    }

    [Fact]
    public void Presentation_dates_fall_after_the_year_and_not_in_the_future()
    {
        var report = AnnualReport.Open(ActionSheetBuilder.Agreement(), 2021, Today).Value;

        Assert.Equal(2, report.RecordPresentation(new DateOnly(2021, 12, 1), Today.AddDays(1), Today).Errors.Count);
        Assert.True(report.RecordPresentation(new DateOnly(2022, 3, 1), null, Today).IsSuccess);
        Assert.Equal(new DateOnly(2022, 3, 1), report.CommissionPresentedOn);
    }

    [Fact]
    public void A_too_long_section_or_a_foreign_axis_is_refused_and_nothing_changes()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var report = AnnualReport.Open(agreement, 2021, Today).Value;

        var result = report.EditText(agreement, [new(null, "", new string('x', AnnualReport.MaxSectionLength + 1)), new(Guid.NewGuid(), "", "?")]);

        Assert.Equal(["report.section.length", "report.section.axis"], result.Errors.Select(e => e.Code));
        Assert.Equal("", report.CurrentVersion.Sections[0].Text);
    }

    [Fact]
    public void The_simple_markup_knows_paragraphs_headings_bullets_and_tables_and_nothing_else()
    {
        var blocks = SimpleMarkup.Parse("Premier\nparagraphe.\n\n## Intertitre\n- un\n* deux\n<b>texte</b>\r\n");

        Assert.Equal(
            [(MarkupKind.Paragraph, "Premier paragraphe."), (MarkupKind.Heading, "Intertitre"), (MarkupKind.Bullet, "un"), (MarkupKind.Bullet, "deux"), (MarkupKind.Paragraph, "<b>texte</b>")],
            blocks.Select(b => (b.Kind, b.Text)));
        Assert.Empty(SimpleMarkup.Parse("  \n\n"));
    }

    [Fact]
    public void A_table_is_lines_starting_with_a_bar_its_first_row_the_headers_short_rows_padded()
    {
        var blocks = SimpleMarkup.Parse("Avant\n| Point | Décision | Voix |\n|---|:---:|---|\n| 1. Forum | Adopté |\n| 2 | Rejeté | 3 voix |\nAprès");

        Assert.Equal([MarkupKind.Paragraph, MarkupKind.Table, MarkupKind.Paragraph], blocks.Select(b => b.Kind));
        Assert.Equal(["Point", "Décision", "Voix"], blocks[1].Headers);
        Assert.Equal([["1. Forum", "Adopté", ""], ["2", "Rejeté", "3 voix"]], blocks[1].Body);
    }

    [Fact]
    public void A_plan_is_for_a_year_of_the_term_and_keeps_its_priorities_within_bounds()
    {
        var agreement = ActionSheetBuilder.Agreement();

        Assert.Equal("plan.year.out-of-term", AnnualPlan.Open(agreement, 2030).Errors[0].Code);
        var plan = AnnualPlan.Open(agreement, 2022).Value;
        Assert.Equal("plan.priorities.length", plan.Edit(new string('x', AnnualPlan.MaxPrioritiesLength + 1), null).Errors[0].Code);
        Assert.True(plan.Edit("- mixité", "copil du 7 décembre 2021").IsSuccess);
        Assert.Equal("copil du 7 décembre 2021", plan.DecidedAt);
    }
}
