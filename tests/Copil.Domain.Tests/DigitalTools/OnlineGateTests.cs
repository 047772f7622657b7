using Copil.Domain.Agreements;
using Copil.Domain.DigitalTools;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.DigitalTools;

/// <summary>Art. 12: a funded digital tool goes online only with the ministries' agreement, on GDPR and algorithm-transparency sheets.</summary>
public class OnlineGateTests
{
    private static readonly DateOnly Today = new(2021, 6, 1);

    public static GdprSheet CompleteGdpr { get; } = new()
    {
        Controller = "OPCO Mobilités, 1 rue X, Paris",
        Purposes = "Inscription des élèves aux visites d'entreprise",
        LegalBasis = "Mission d'intérêt public (art. 6.1.e)",
        DataSubjects = "Élèves de 3e, enseignants",
        DataCategories = "Nom, prénom, établissement, classe",
        Recipients = "Entreprises d'accueil",
        Transfers = "Aucun",
        Retention = "Un an après la visite",
        SecurityMeasures = "Chiffrement, authentification à deux facteurs",
        DpoContact = "dpo@opco.example",
    };

    public static AlgorithmSheet NotApplicable { get; } = new() { MakesDecisions = false, NotApplicableReason = "Aucune décision individuelle n'est prise par l'outil." };

    private static (Agreement, DigitalTool) Declared()
    {
        var agreement = new AgreementBuilder().Build();
        var tool = DigitalTool.Declare(agreement.Id, Guid.NewGuid(), "Plateforme de visites", null, "https://visites.example", "Claire", Today).Value;
        return (agreement, tool);
    }

    [Fact]
    public void A_new_tool_cannot_go_online_and_the_refusal_lists_every_missing_piece()
    {
        var (agreement, tool) = Declared();

        var result = tool.GoOnline(agreement, Today, "Claire", Today);

        Assert.True(result.IsFailure);
        Assert.Contains(result.Errors, e => e.Message.Contains("« Finalités » est à renseigner"));
        Assert.Contains(result.Errors, e => e.Message.Contains("« Durées de conservation » est à renseigner"));
        Assert.Contains(result.Errors, e => e.Code == "algorithm.applies.required");
        Assert.Contains(result.Errors, e => e.Message.Contains("L'accord du MENJS"));
        Assert.Contains(result.Errors, e => e.Message.Contains("L'accord du MESRI"));
        Assert.Null(tool.OnlineOn);
    }

    [Fact]
    public void A_ministry_cannot_approve_incomplete_sheets()
    {
        var (agreement, tool) = Declared();
        tool.UpdateGdprSheet(CompleteGdpr with { Purposes = " " });
        tool.UpdateAlgorithmSheet(NotApplicable);

        var result = tool.Answer(agreement, agreement.Parties[0].Id, ToolVerdict.Approved, null, "DGESCO", Today);

        Assert.Contains(result.Errors, e => e.Code == "tool.approval.sheets-incomplete");
        Assert.Equal(DigitalToolStatus.SheetsIncomplete, tool.StatusIn(agreement));
    }

    [Fact]
    public void With_both_sheets_complete_and_one_approval_the_other_ministry_is_still_missing()
    {
        var (agreement, tool) = Declared();
        tool.UpdateGdprSheet(CompleteGdpr);
        tool.UpdateAlgorithmSheet(NotApplicable);
        Assert.True(tool.Answer(agreement, agreement.Parties[0].Id, ToolVerdict.Approved, null, "DGESCO", Today).IsSuccess);

        var result = tool.GoOnline(agreement, Today, "Claire", Today);

        Assert.Equal(["tool.online.refused", "tool.online.approval-missing"], result.Errors.Select(e => e.Code));
        Assert.Contains("MESRI", result.Errors[1].Message);
        Assert.Equal(DigitalToolStatus.AwaitingApprovals, tool.StatusIn(agreement));
    }

    [Fact]
    public void Complete_sheets_approved_by_every_ministry_open_the_gate()
    {
        var (agreement, tool) = Declared();
        tool.UpdateGdprSheet(CompleteGdpr);
        tool.UpdateAlgorithmSheet(NotApplicable);
        tool.Answer(agreement, agreement.Parties[0].Id, ToolVerdict.Approved, null, "DGESCO", Today);
        tool.Answer(agreement, agreement.Parties[1].Id, ToolVerdict.Approved, null, "DGESIP", Today);
        Assert.Equal(DigitalToolStatus.Approved, tool.StatusIn(agreement));

        Assert.True(tool.GoOnline(agreement, Today, "Claire", Today).IsSuccess);

        Assert.Equal(DigitalToolStatus.Online, tool.StatusIn(agreement));
        Assert.False(tool.WentOnlineWithoutApproval);
    }

    [Fact]
    public void Changing_a_sheet_after_approval_asks_the_ministries_again()
    {
        var (agreement, tool) = Declared();
        tool.UpdateGdprSheet(CompleteGdpr);
        tool.UpdateAlgorithmSheet(NotApplicable);
        tool.Answer(agreement, agreement.Parties[0].Id, ToolVerdict.Approved, null, "DGESCO", Today);
        tool.Answer(agreement, agreement.Parties[1].Id, ToolVerdict.Approved, null, "DGESIP", Today);

        tool.UpdateGdprSheet(CompleteGdpr with { Retention = "Trois ans" });

        Assert.Equal(DigitalToolStatus.AwaitingApprovals, tool.StatusIn(agreement));
        Assert.True(tool.GoOnline(agreement, Today, "Claire", Today).IsFailure);
        // Saving the same content again is not a change.
        var revision = tool.SheetsRevision;
        tool.UpdateGdprSheet(CompleteGdpr with { Retention = "  Trois ans " });
        Assert.Equal(revision, tool.SheetsRevision);
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_blocks_until_approved_on_new_sheets()
    {
        var (agreement, tool) = Declared();
        tool.UpdateGdprSheet(CompleteGdpr);
        tool.UpdateAlgorithmSheet(NotApplicable);

        Assert.Contains(tool.Answer(agreement, agreement.Parties[1].Id, ToolVerdict.Refused, "", "DGESIP", Today).Errors, e => e.Field == "Comment");
        tool.Answer(agreement, agreement.Parties[1].Id, ToolVerdict.Refused, "Durée de conservation excessive.", "DGESIP", Today);

        Assert.Equal(DigitalToolStatus.Refused, tool.StatusIn(agreement));
        Assert.Contains(tool.GoOnline(agreement, Today, "Claire", Today).Errors, e => e.Code == "tool.online.approval-refused");
    }

    [Fact]
    public void An_algorithm_that_makes_decisions_needs_the_four_entries_of_the_CRPA()
    {
        var sheet = new AlgorithmSheet { MakesDecisions = true, Contribution = "Classement indicatif des candidatures" };

        Assert.Equal(["DataAndSources", "Parameters", "Operations"], sheet.Missing().Select(e => e.Field));
        Assert.Empty((sheet with { DataAndSources = "d", Parameters = "p", Operations = "o" }).Missing());
        Assert.Single(new AlgorithmSheet { MakesDecisions = false }.Missing());
    }

    [Fact]
    public void A_dpia_when_required_is_part_of_the_gdpr_sheet()
    {
        Assert.Empty(CompleteGdpr.Missing());
        Assert.Equal(["DpiaSummary"], (CompleteGdpr with { DpiaRequired = true }).Missing().Select(e => e.Field));
    }

    [Fact]
    public void A_tool_found_online_without_approval_is_recorded_as_non_compliant()
    {
        var (agreement, tool) = Declared();

        Assert.True(tool.RecordFoundOnline(agreement, Today, "Secrétariat", Today).IsSuccess);

        Assert.True(tool.WentOnlineWithoutApproval);
        Assert.Equal(DigitalToolStatus.NonCompliant, tool.StatusIn(agreement));
    }

    [Fact]
    public void Going_online_is_recorded_on_the_day_it_happens_not_ahead()
    {
        var (agreement, tool) = Declared();

        Assert.Contains(tool.GoOnline(agreement, Today.AddDays(1), "Claire", Today).Errors, e => e.Code == "tool.online.future");
        Assert.Contains(tool.GoOnline(agreement, null, "Claire", Today).Errors, e => e.Field == "OnlineOn");
    }
}
