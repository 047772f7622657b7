using Copil.Domain.Actions;

namespace Copil.Domain.Access;

/// <summary>
/// Which action sheets a person sees and edits within an agreement: the secretariat all of them; a carrier its own
/// organisation's, drafts included; everyone else the submitted ones, never a draft.
/// </summary>
public static class ActionSheetAccess
{
    public static bool SeesAll(IEnumerable<Membership> memberships, bool isAdministrator) =>
        isAdministrator || memberships.Any(m => m.Role == AgreementRole.Secretariat);

    /// <summary>The organisations whose sheets this person carries.</summary>
    public static IReadOnlyList<string> CarriedOrganisations(IEnumerable<Membership> memberships) =>
        [.. memberships.Where(m => m.Role == AgreementRole.ActionCarrier && m.Organisation is not null).Select(m => m.Organisation!)];

    /// <summary>Whether the person sees sheets that are not theirs once submitted (every role but a pure carrier).</summary>
    public static bool SeesSubmitted(IEnumerable<Membership> memberships, bool isAdministrator) =>
        isAdministrator || memberships.Any(m => m.Role != AgreementRole.ActionCarrier);

    public static bool CanSee(ActionSheet sheet, IReadOnlyCollection<Membership> memberships, bool isAdministrator) =>
        SeesAll(memberships, isAdministrator)
        || CarriedOrganisations(memberships).Contains(sheet.CarrierOrganisation, StringComparer.OrdinalIgnoreCase)
        || (sheet.Status != ActionStatus.Draft && SeesSubmitted(memberships, isAdministrator));

    public static bool CanCarry(ActionSheet sheet, IReadOnlyCollection<Membership> memberships, bool isAdministrator) =>
        SeesAll(memberships, isAdministrator)
        || CarriedOrganisations(memberships).Contains(sheet.CarrierOrganisation, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the person may see a due date: any date but a sheet's, and a sheet's when they see that sheet (a pure
    /// carrier only its organisation's; sheets owe dates only once submitted).
    /// </summary>
    public static bool SeesDueDate(DueDates.DueItem item, IReadOnlyCollection<Membership> memberships, bool isAdministrator) =>
        item.SheetCarrier is not { } carrier
        || SeesSubmitted(memberships, isAdministrator)
        || CarriedOrganisations(memberships).Contains(carrier, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ministries (State parties) for which this person gives opinions.</summary>
    public static IReadOnlyList<Guid> OpinionParties(IEnumerable<Membership> memberships) =>
        [.. memberships.Where(m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is not null).Select(m => m.PartyId!.Value).Distinct()];

    /// <summary>
    /// Whether the person speaks for this ministry: its reviewing directorate gives its opinions on the sheets and reviews
    /// the committee's minutes (art. 14); a platform administrator may act for any.
    /// </summary>
    public static bool SpeaksFor(IEnumerable<Membership> memberships, bool isAdministrator, Guid partyId) =>
        isAdministrator || OpinionParties(memberships).Contains(partyId);
}
