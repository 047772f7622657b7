using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Actions;

/// <summary>A complete, balanced sheet on the seed agreement (1 December 2020, 3 years), ready to submit.</summary>
internal static class ActionSheetBuilder
{
    public static readonly DateOnly Today = new(2022, 3, 1);

    public static Agreement Agreement()
    {
        var agreement = new AgreementBuilder().Build();
        agreement.AddAxis("Information, promotion, découverte et attractivité des métiers", "art. 3");
        return agreement;
    }

    public static FinancialAnnex Annex(int feeBasisPoints = 500) => new(
        [
            new ExpenseLine(ExpenseCategory.ExternalServices, "Location de salle et stands", 20_000_00, true),
            new ExpenseLine(ExpenseCategory.OtherExternalServices, "Communication", 10_000_00, true),
            new ExpenseLine(ExpenseCategory.StaffCosts, "Salaires des chargés de mission", 5_000_00, false),
        ],
        [
            new ResourceLine(FinancerKind.OpcoMissionFees, "OPCO Mobilités", 31_500_00),
            new ResourceLine(FinancerKind.OwnResources, "Fédération", 5_000_00),
        ],
        feeBasisPoints);

    public static ActionSheetContent Complete(Agreement agreement) => new()
    {
        Title = "Forum des métiers de la mobilité",
        AxisId = agreement.Axes[0].Id,
        Level = ActionLevel.Regional,
        RegionCodes = ["28"],
        AcademyCodes = ["70"],
        ContactName = "Claire Martin",
        ContactEmail = "claire.martin@exemple.fr",
        Partners = "Campus des métiers, DRAFPIC",
        Objectives = "Faire découvrir les métiers du transport aux lycéens et apprentis.",
        Description = "Un forum de deux jours avec démonstrations et rencontres.",
        Publics = [new(TargetPublic.HighSchoolPupils, 800), new(TargetPublic.Apprentices, 200)],
        FairReach = "Invitations à parts égales des lycées professionnels, des CFA et des IUT.",
        Inclusion = "Ateliers mixtes, lieu accessible, interprète en LSF.",
        StartsOn = new DateOnly(2022, 5, 1),
        EndsOn = new DateOnly(2022, 6, 30),
        Indicators = [new("Visiteurs", "personnes", 1000, "billetterie")],
        Annex = Annex(),
    };

    public static ActionSheet Drafted(Agreement agreement) =>
        ActionSheet.Draft(agreement, 1, "Fédération du transport", Complete(agreement), Today).Value;

    public static ActionSheet Submitted(Agreement agreement)
    {
        var sheet = Drafted(agreement);
        Assert.True(sheet.Submit(agreement, Today).IsSuccess);
        return sheet;
    }

    public static ActionSheet ReadyForCommittee(Agreement agreement)
    {
        var sheet = Submitted(agreement);
        foreach (var ministry in agreement.Parties.Where(p => p.IsState))
        {
            Assert.True(sheet.GiveOpinion(agreement, ministry.Id, OpinionVerdict.Favorable, null, null, Today, "relecteur").IsSuccess);
        }

        return sheet;
    }

    public static ActionSheet InProgress(Agreement agreement)
    {
        var sheet = ReadyForCommittee(agreement);
        Assert.True(sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil du 1er mars 2022", DecisionSource.Recorded, Today, CeilingCheck.None).IsSuccess);
        Assert.True(sheet.RecordBoardDecision(BoardOutcome.Approved, Today, "CA du 1er mars 2022", Today).IsSuccess);
        Assert.True(sheet.Start(Today, Today).IsSuccess);
        return sheet;
    }
}
