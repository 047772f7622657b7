using Copil.Domain.Actions;

namespace Copil.Domain.Tests.Actions;

public class ActionSheetContentTests
{
    [Fact]
    public void Submitting_an_empty_sheet_lists_every_missing_item_at_once()
    {
        var agreement = ActionSheetBuilder.Agreement();

        var errors = new ActionSheetContent().ValidateForSubmission(agreement);

        var codes = errors.Select(e => e.Code).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "sheet.missing.Title", "sheet.missing.AxisId", "sheet.missing.Level", "sheet.missing.ContactName", "sheet.missing.ContactEmail",
            "sheet.missing.Objectives", "sheet.missing.Description", "sheet.missing.Publics", "sheet.missing.FairReach", "sheet.missing.Inclusion",
            "sheet.missing.StartsOn", "sheet.missing.EndsOn", "sheet.missing.Indicators", "annex.expenses.missing", "annex.resources.missing",
        }, codes);
        Assert.Contains(errors, e => e.Message.EndsWith("(art. 15).", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.EndsWith("(art. 8).", StringComparison.Ordinal));
    }

    [Fact]
    public void A_complete_sheet_has_nothing_missing()
    {
        var agreement = ActionSheetBuilder.Agreement();

        Assert.Empty(ActionSheetBuilder.Complete(agreement).ValidateForSubmission(agreement));
    }

    [Fact]
    public void Even_a_draft_cannot_end_before_it_starts()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var content = new ActionSheetContent { StartsOn = new DateOnly(2022, 6, 1), EndsOn = new DateOnly(2022, 5, 1) };

        var errors = content.ValidateDraft(agreement);

        Assert.Equal("La date de fin précède la date de début.", Assert.Single(errors).Message);
    }

    [Fact]
    public void Megabytes_of_text_are_refused()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var content = new ActionSheetContent { Description = new string('a', 2_000_000) };

        Assert.Contains(content.ValidateDraft(agreement), e => e.Field == "Description");
    }

    [Fact]
    public void A_regional_action_names_its_territory_and_unknown_codes_are_refused()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var content = ActionSheetBuilder.Complete(agreement) with { RegionCodes = [], AcademyCodes = [] };

        Assert.Contains(content.ValidateForSubmission(agreement), e => e.Code == "sheet.missing.RegionCodes");
        Assert.Contains((content with { AcademyCodes = ["99"] }).ValidateDraft(agreement), e => e.Code == "sheet.academy.unknown");
    }

    [Fact]
    public void The_axis_belongs_to_the_agreement()
    {
        var agreement = ActionSheetBuilder.Agreement();

        var errors = new ActionSheetContent { AxisId = Guid.NewGuid() }.ValidateDraft(agreement);

        Assert.Equal("sheet.axis.unknown", Assert.Single(errors).Code);
    }
}
