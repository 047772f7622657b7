using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Communication;

namespace Copil.Domain.DueDates;

/// <summary>
/// The due dates of art. 11: a ministry's decision on a request for its logo, before the period wanted starts; the end
/// of a granted authorisation, when the materials must be withdrawn or a new authorisation obtained. Each is a
/// carrier organisation's business, so a pure carrier sees only its own.
/// </summary>
public static class CommunicationDueDates
{
    /// <summary>How long an ended authorisation stays in the échéancier.</summary>
    public const int DaysShownAfterEnd = 31;

    public static IEnumerable<DueItem> For(Agreement agreement, IEnumerable<LogoAuthorization> authorisations, DateOnly today)
    {
        foreach (var a in authorisations.Where(a => a.AgreementId == agreement.Id))
        {
            var ministry = agreement.PartyById(a.MinistryPartyId)?.ShortName ?? "ministère";
            var link = $"logo:{agreement.Id}:{a.Id}";
            if (a.Status == LogoAuthorizationStatus.Requested)
            {
                yield return new DueItem($"logo-decision:{a.Id}", agreement.Id,
                    $"Décision sur l'usage du logo du {ministry} (demande n° {a.Number}, {a.RequestingOrganisation})",
                    a.WantedFrom, new DueOwner(AgreementRole.ReviewingDirectorate, PartyId: a.MinistryPartyId),
                    $"{LogoAuthorization.Article} : autorisation expresse et écrite, avant tout usage", link, Statutory: false, Done: false)
                { SheetCarrier = a.RequestingOrganisation };
            }
            else if (a.Status == LogoAuthorizationStatus.Granted && a.ValidUntil is { } until && until.AddDays(DaysShownAfterEnd) >= today)
            {
                yield return new DueItem($"logo-expiry:{a.Id}", agreement.Id,
                    $"Fin de l'autorisation d'usage du logo du {ministry} n° {a.Number} : retirer le logo des supports ou obtenir une nouvelle autorisation",
                    until, new DueOwner(AgreementRole.ActionCarrier, Organisation: a.RequestingOrganisation),
                    $"{LogoAuthorization.Article} : l'autorisation précise sa durée", link, Statutory: true)
                { SheetCarrier = a.RequestingOrganisation };
            }
        }
    }
}
