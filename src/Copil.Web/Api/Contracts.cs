using Copil.Domain.Access;
using Copil.Domain.Agreements;

namespace Copil.Web.Api;

public sealed record AgreementSummaryDto(Guid Id, string Reference, string Title, DateOnly? SignedOn, DateOnly? LastDayInForce, AgreementStatus Status);

public sealed record SourcedDateDto(DateOnly Date, string Source);

public sealed record AgreementDatesDto(
    SourcedDateDto? InForceFrom,
    SourcedDateDto? LastDayInForce,
    int? DaysLeft,
    SourcedDateDto? TerminationEffective,
    SourcedDateDto? TerminationIfNoticeReceivedToday,
    SourcedDateDto? NextSpringMeetingDeadline,
    SourcedDateDto? NextAnnualReportDeadline);

public sealed record PartyDto(Guid Id, PartyKind Kind, string Name, string ShortName, string? ReviewingDirectorate, string? ReviewingDirectorateName);

public sealed record SignatoryDto(Guid Id, Guid PartyId, string Name, string Role);

public sealed record AxisDto(Guid Id, int Position, string Title, string Article);

public sealed record SeatDto(Guid Id, Guid PartyId, string Holder, string? Substitute, int VoteWeight, bool IsBoardMember);

public sealed record InviteeDto(Guid Id, string Name, string Organisation, string Capacity);

public sealed record MajorityRuleDto(string Article, string Rule, int? QuorumBasisPoints, Guid? CastingVoteSeatId);

public sealed record CommitteeDto(IReadOnlyList<SeatDto> Seats, IReadOnlyList<InviteeDto> Invitees, int TotalVoteWeight, MajorityRuleDto MajorityRule)
{
    public static CommitteeDto From(Agreement a) => new(
        [.. a.Seats.Select(s => new SeatDto(s.Id, s.PartyId, s.Holder, s.Substitute, s.VoteWeight, s.IsBoardMember))],
        [.. a.Invitees.Select(i => new InviteeDto(i.Id, i.Name, i.Organisation, i.Capacity))],
        a.TotalVoteWeight,
        new MajorityRuleDto(a.CommitteeArticle, "Majorité absolue des voix exprimées (abstentions non comptées)", a.QuorumBasisPoints, a.CastingVoteSeatId));
}

public sealed record AmendmentChangeDto(string Subject, string Before, string After);

public sealed record AmendmentDto(Guid Id, int Number, DateOnly SignedOn, string Summary, DateOnly? NewEndDate, IReadOnlyList<AmendmentChangeDto> Changes)
{
    public static AmendmentDto From(Amendment a) =>
        new(a.Id, a.Number, a.SignedOn, a.Summary, a.NewEndDate, [.. a.Changes.Select(c => new AmendmentChangeDto(c.Subject, c.Before, c.After))]);
}

/// <summary>
/// A notice of termination. <c>takesEffect</c> is false when the notice period runs past the agreement's expiry: then
/// <c>effectiveOn</c> is null, the agreement ends by expiry on <c>endsOn</c>, and <c>outcome</c> says so.
/// </summary>
public sealed record TerminationDto(Guid Id, Guid PartyId, DateOnly ReceivedOn, DateOnly EarliestEffectiveOn, DateOnly? RequestedEffectiveOn,
    bool TakesEffect, DateOnly? EffectiveOn, DateOnly? EndsOn, string EffectiveOnSource, string Outcome, string? Reason);

public sealed record YearlyCeilingDto(int Year, long AmountCents);

public sealed record AgreementDto(
    Guid Id, string Reference, string Title, string? LegalBasis, DateOnly? SignedOn, string? SignedAt,
    int TermMonths, string TermArticle, RenewalPolicy RenewalPolicy, EndOfTermRule EndOfTermRule, string CommitteeArticle,
    AgreementStatus Status, int Version, DateOnly? VoidOn, string? VoidReason, AgreementTerms Terms, AgreementDatesDto Dates,
    IReadOnlyList<PartyDto> Parties, IReadOnlyList<SignatoryDto> Signatories, IReadOnlyList<AxisDto> Axes,
    CommitteeDto Committee, IReadOnlyList<YearlyCeilingDto> YearlyCeilings, IReadOnlyList<AmendmentDto> Amendments, TerminationDto? Termination,
    Guid? NationalAgreementId = null, string? RegionCode = null, IReadOnlyList<string>? OverriddenTerms = null)
{
    public static AgreementDto From(Agreement a, DateOnly today)
    {
        var dates = AgreementDates.Of(a, today);
        return new(a.Id, a.Reference, a.Title, a.LegalBasis, a.SignedOn, a.SignedAt, a.TermMonths, a.TermArticle, a.RenewalPolicy, a.EndOfTermRule, a.CommitteeArticle,
            dates.Status, a.Version, a.VoidOn, a.VoidReason, a.Terms,
            new AgreementDatesDto(S(dates.InForceFrom), S(dates.LastDayInForce), dates.DaysLeft, S(dates.TerminationEffective), S(dates.NoticeIfReceivedToday), S(dates.NextSpringMeetingDeadline), S(dates.NextAnnualReportDeadline)),
            [.. a.Parties.Select(p => new PartyDto(p.Id, p.Kind, p.Name, p.ShortName, p.ReviewingDirectorate, p.ReviewingDirectorateName))],
            [.. a.Signatories.Select(s => new SignatoryDto(s.Id, s.PartyId, s.Name, s.Role))],
            [.. a.Axes.OrderBy(x => x.Position).Select(x => new AxisDto(x.Id, x.Position, x.Title, x.Article))],
            CommitteeDto.From(a),
            [.. a.YearlyCeilings.OrderBy(c => c.Year).Select(c => new YearlyCeilingDto(c.Year, c.AmountCents))],
            [.. a.Amendments.OrderBy(x => x.Number).Select(AmendmentDto.From)],
            TerminationOf(a, today),
            a.NationalAgreementId, a.RegionCode, a.OverriddenTerms);
    }

    public static TerminationDto? TerminationOf(Agreement a, DateOnly today) =>
        a.Termination is { } t
            ? new TerminationDto(t.Id, t.PartyId, t.ReceivedOn, t.EarliestEffectiveOn, t.RequestedEffectiveOn,
                a.TerminationTakesEffect, a.TerminationTakesEffect ? t.EffectiveOn : null, a.LastDayInForce,
                AgreementDates.Of(a, today).TerminationEffective?.Source ?? "", a.TerminationOutcome!, t.Reason)
            : null;

    private static SourcedDateDto? S(SourcedDate? d) => d is null ? null : new SourcedDateDto(d.Date, d.Source);
}

/// <summary>
/// A regional declination of a national agreement (art. 3 and 4): its own reference, title, signature and term, within
/// the national one; <c>overriddenTerms</c> names the terms it sets itself (taken from <c>terms</c>), the others are the
/// national ones and follow them.
/// </summary>
public sealed record DeclinationInput(
    string Reference, string Title, string? RegionCode, DateOnly? SignedOn, string? SignedAt, int? TermMonths, AgreementTerms? Terms, IReadOnlyList<string>? OverriddenTerms);

public sealed record AgreementInput(
    string Reference, string Title, string? LegalBasis, DateOnly? SignedOn, string? SignedAt,
    int TermMonths, string? TermArticle, RenewalPolicy RenewalPolicy, EndOfTermRule EndOfTermRule, string? CommitteeArticle,
    int? QuorumBasisPoints, AgreementTerms? Terms, int? Version)
{
    public AgreementDetails ToDetails() => new()
    {
        Reference = Reference ?? "",
        Title = Title ?? "",
        LegalBasis = LegalBasis,
        SignedOn = SignedOn,
        SignedAt = SignedAt,
        TermMonths = TermMonths,
        TermArticle = TermArticle ?? AgreementDetails.Blank.TermArticle,
        RenewalPolicy = RenewalPolicy,
        EndOfTermRule = EndOfTermRule,
        CommitteeArticle = CommitteeArticle ?? AgreementDetails.Blank.CommitteeArticle,
        QuorumBasisPoints = QuorumBasisPoints,
    };
}

public sealed record PartyInput(PartyKind Kind, string Name, string ShortName, string? ReviewingDirectorate, string? ReviewingDirectorateName, int? Version);

public sealed record SignatoryInput(Guid PartyId, string Name, string Role, int? Version);

public sealed record AxisInput(string Title, string Article, int? Version);

public sealed record SeatInput(Guid PartyId, string Holder, string? Substitute, int VoteWeight, bool IsBoardMember, int? Version);

public sealed record CastingVoteInput(Guid? SeatId, int? Version);

public sealed record YearlyCeilingInput(long AmountCents, int? Version);

public sealed record InviteeInput(string Name, string Organisation, string Capacity, int? Version);

public sealed record AmendmentInput(
    DateOnly SignedOn, string Summary, DateOnly? NewEndDate, int? NewManagementFeeCapBasisPoints,
    int? CeilingYear, long? NewCeilingCents, int? NewNoticePeriodMonths, int? NewDocumentsLeadDays, int? NewMinutesReviewDays,
    Dictionary<Guid, int>? NewSeatWeights, int? Version)
{
    public AmendmentRequest ToDomain() => new()
    {
        SignedOn = SignedOn,
        Summary = Summary ?? "",
        NewEndDate = NewEndDate,
        NewManagementFeeCapBasisPoints = NewManagementFeeCapBasisPoints,
        CeilingYear = CeilingYear,
        NewCeilingCents = NewCeilingCents,
        NewNoticePeriodMonths = NewNoticePeriodMonths,
        NewDocumentsLeadDays = NewDocumentsLeadDays,
        NewMinutesReviewDays = NewMinutesReviewDays,
        NewSeatWeights = NewSeatWeights ?? [],
    };
}

public sealed record TerminationInput(Guid PartyId, DateOnly ReceivedOn, DateOnly? RequestedEffectiveOn, string? Reason, int? Version);

public sealed record VoidInput(DateOnly On, string? Reason, int? Version);

public sealed record MembershipDto(Guid Id, string UserId, string Email, string DisplayName, AgreementRole Role, Guid? SeatId, Guid? PartyId, string? Organisation);

public sealed record MembershipInput(string Email, AgreementRole Role, Guid? SeatId, Guid? PartyId, string? Organisation);

public sealed record AuditEntryDto(long Id, DateTime AtUtc, string UserName, string Action, string EntityType, string EntityId, string? Before, string? After);

public sealed record AcademicRegionDto(string Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo);

public sealed record AcademyDto(string Code, string Name, string RegionCode, DateOnly ValidFrom, DateOnly? ValidTo);

public sealed record TradesCampusDto(Guid Id, string Name, string RegionCode, string Sector, bool IsExcellence, int Version);

public sealed record TradesCampusUpdate(string Name, string RegionCode, string Sector, bool IsExcellence, int? Version);

public sealed record TradesCampusInput(string Name, string RegionCode, string Sector, bool IsExcellence);
