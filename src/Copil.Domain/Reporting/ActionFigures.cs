using Copil.Domain.Actions;

namespace Copil.Domain.Reporting;

/// <summary>
/// The figures of one action that money, dashboards and reports are made of, summarised from the sheet at each
/// change (so that a year of 2,000 actions is read without loading 2,000 aggregates).
/// </summary>
public sealed record ActionFigures
{
    public Guid SheetId { get; init; }

    public int Number { get; init; }

    public string Title { get; init; } = "";

    public string CarrierOrganisation { get; init; } = "";

    public ActionStatus Status { get; init; }

    public Guid? AxisId { get; init; }

    public ActionLevel? Level { get; init; }

    public IReadOnlyList<string> RegionCodes { get; init; } = [];

    public IReadOnlyList<string> AcademyCodes { get; init; } = [];

    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    /// <summary>Amount asked of the OPCO in the version submitted for review (or the draft).</summary>
    public long AskedCents { get; init; }

    /// <summary>Amount of the version the committee validated first; null while never validated.</summary>
    public long? FirstApprovedCents { get; init; }

    /// <summary>Amount of the approved content in force, after validated change requests.</summary>
    public long? InForceCents { get; init; }

    /// <summary>Amount a pending change request would put in force.</summary>
    public long? PendingChangeCents { get; init; }

    /// <summary>Management fees of the content in force (or under review).</summary>
    public long FeesCents { get; init; }

    /// <summary>Expense lines outside the eligible base: staff remuneration, in-kind contributions, lines not claimed (art. 16).</summary>
    public long IneligibleCents { get; init; }

    public IReadOnlyList<PublicTarget> Targets { get; init; } = [];

    public IReadOnlyList<IndicatorTarget> Indicators { get; init; } = [];

    public DateOnly? CommitteeValidatedOn { get; init; }

    public CompletionReportContent? Report { get; init; }

    public DateOnly? ReportSubmittedOn { get; init; }

    public DateOnly? ReportAcceptedOn { get; init; }

    public long? AmountDueCents { get; init; }

    /// <summary>
    /// The year the action counts in: the year it starts. An action spanning two years counts once, in its first
    /// (ADR 12); one without a start date counts in no year and is listed as missing data.
    /// </summary>
    public int? Year => StartsOn?.Year;

    /// <summary>Validated by the committee and neither refused by the board nor abandoned: its amount in force is committed.</summary>
    public bool IsCommitted => IsCommittedStatus(Status);

    /// <summary>Validated by the committee and still engaged (<see cref="FigureVocabulary.Committed"/>).</summary>
    public static bool IsCommittedStatus(ActionStatus status) => status is ActionStatus.CommitteeValidated or ActionStatus.BoardApproved or ActionStatus.InProgress
        or ActionStatus.ReportSubmitted or ActionStatus.ReportAccepted or ActionStatus.Closed;

    /// <summary>Submitted and not yet decided by the committee: under review, back with its carrier, or ready (art. 14).</summary>
    public bool AwaitsDecision => Status is ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.RevisionRequested or ActionStatus.ReadyForCommittee;

    /// <summary>Submitted to the partners at least once, and not withdrawn.</summary>
    public bool WasAsked => Status is not (ActionStatus.Draft or ActionStatus.Withdrawn);

    /// <summary>The completion report is in (submitted or accepted): its results and real costs count.</summary>
    public bool HasReport => Report is not null && ReportSubmittedOn is not null;

    /// <summary>Committed amount: the approved amount in force.</summary>
    public long CommittedCents => IsCommitted ? InForceCents ?? 0 : 0;

    public long RealCostsCents => HasReport ? Report!.Costs.Sum(c => c.RealCents ?? 0) : 0;

    public long EligibleRealCostsCents => HasReport ? Report!.EligibleRealCostsCents : 0;

    public static ActionFigures Of(ActionSheet sheet)
    {
        var content = sheet.EffectiveContent;
        var asked = (sheet.ReviewedVersion ?? sheet.CurrentVersion).Content.Annex.AmountAskedOfOpcoCents;
        var firstValidated = sheet.CommitteeDecisions.FirstOrDefault(d => d.Outcome == CommitteeOutcome.Validated
            && sheet.Versions.First(v => v.Number == d.VersionNumber).Purpose != VersionPurpose.ChangeRequest);
        long? firstApproved = firstValidated is null ? null : sheet.Versions.First(v => v.Number == firstValidated.VersionNumber).Content.Annex.AmountAskedOfOpcoCents;
        var pending = sheet.PendingChange is { } change ? sheet.Versions.First(v => v.Number == change.VersionNumber).Content.Annex.AmountAskedOfOpcoCents : (long?)null;
        return new ActionFigures
        {
            SheetId = sheet.Id,
            Number = sheet.Number,
            Title = content.Title ?? "",
            CarrierOrganisation = sheet.CarrierOrganisation,
            Status = sheet.Status,
            AxisId = content.AxisId,
            Level = content.Level,
            RegionCodes = content.RegionCodes,
            AcademyCodes = content.AcademyCodes,
            StartsOn = content.StartsOn,
            EndsOn = content.EndsOn,
            AskedCents = asked,
            FirstApprovedCents = firstApproved,
            InForceCents = sheet.ApprovedVersion?.Content.Annex.AmountAskedOfOpcoCents,
            PendingChangeCents = pending,
            FeesCents = content.Annex.ManagementFeesCents,
            IneligibleCents = content.Annex.Expenses.Where(e => !FinancialAnnex.IsEligible(e)).Sum(e => e.AmountCents),
            Targets = content.Publics,
            Indicators = content.Indicators,
            CommitteeValidatedOn = firstValidated?.DecidedOn,
            // The report's numbers only: its assessment and supporting-document references stay on the report itself,
            // so that a sheet's row does not carry 10,000 characters of prose into every scan.
            Report = sheet.Report?.Content is { } report
                ? report with { Assessment = null, Costs = [.. report.Costs.Select(c => c with { Label = "", Evidence = null })] }
                : null,
            ReportSubmittedOn = sheet.Report?.SubmittedOn,
            ReportAcceptedOn = sheet.Report?.AcceptedOn,
            AmountDueCents = sheet.Report?.AmountDueCents,
        };
    }
}
