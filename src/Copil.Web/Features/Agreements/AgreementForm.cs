using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Copil.Web.Features.Agreements;

/// <summary>The create / correct form of an agreement: its description and its terms, as a person types them.</summary>
public sealed class AgreementForm
{
    public string? Reference { get; set; }

    public string? Title { get; set; }

    public string? LegalBasis { get; set; }

    public DateOnly? SignedOn { get; set; }

    public string? SignedAt { get; set; }

    public int TermMonths { get; set; } = AgreementDetails.Blank.TermMonths;

    public string TermArticle { get; set; } = AgreementDetails.Blank.TermArticle;

    public RenewalPolicy RenewalPolicy { get; set; }

    public EndOfTermRule EndOfTermRule { get; set; }

    public string CommitteeArticle { get; set; } = AgreementDetails.Blank.CommitteeArticle;

    /// <summary>Optional quorum, as a percentage of the total weight ("50"); empty for none.</summary>
    public string? Quorum { get; set; }

    /// <summary>The terms as the domain defines them, defaults included; only the fee cap is typed as a French percentage.</summary>
    public AgreementTerms Terms { get; set; } = new();

    public string? ManagementFeeCap { get; set; } = FrenchNumbers.BasisPointsText(AgreementTerms.Seed.ManagementFeeCapBasisPoints);

    public int Version { get; set; }

    public static AgreementForm From(Agreement a) => new()
    {
        Reference = a.Reference,
        Title = a.Title,
        LegalBasis = a.LegalBasis,
        SignedOn = a.SignedOn,
        SignedAt = a.SignedAt,
        TermMonths = a.TermMonths,
        TermArticle = a.TermArticle,
        RenewalPolicy = a.RenewalPolicy,
        EndOfTermRule = a.EndOfTermRule,
        CommitteeArticle = a.CommitteeArticle,
        Quorum = a.QuorumBasisPoints is { } q ? FrenchNumbers.BasisPointsText(q) : null,
        Terms = a.Terms,
        ManagementFeeCap = FrenchNumbers.BasisPointsText(a.Terms.ManagementFeeCapBasisPoints),
        Version = a.Version,
    };

    /// <summary>The description, or null with the error placed on its field when the quorum cannot be read.</summary>
    public AgreementDetails? ToDetails(ModelStateDictionary modelState)
    {
        int? quorum = null;
        if (!string.IsNullOrWhiteSpace(Quorum))
        {
            if (!FrenchNumbers.TryParseBasisPoints(Quorum, out var parsed))
            {
                modelState.AddModelError("Input.Quorum", "Saisissez un pourcentage entre 0 et 100 (par exemple 50), ou laissez vide s'il n'y a pas de quorum.");
                return null;
            }

            quorum = parsed;
        }

        return ToDetails() with { QuorumBasisPoints = quorum };
    }

    private AgreementDetails ToDetails() => new()
    {
        Reference = Reference ?? "",
        Title = Title ?? "",
        LegalBasis = LegalBasis,
        SignedOn = SignedOn,
        SignedAt = SignedAt,
        TermMonths = TermMonths,
        TermArticle = TermArticle ?? "",
        RenewalPolicy = RenewalPolicy,
        EndOfTermRule = EndOfTermRule,
        CommitteeArticle = CommitteeArticle ?? "",
    };

    /// <summary>The terms, or null with the error placed on its field when the fee cap cannot be read.</summary>
    public AgreementTerms? ToTerms(ModelStateDictionary modelState)
    {
        if (!FrenchNumbers.TryParseBasisPoints(ManagementFeeCap, out var cap))
        {
            modelState.AddModelError("Input.ManagementFeeCap", "Saisissez un pourcentage entre 0 et 100, avec au plus deux décimales (par exemple 5,65).");
            return null;
        }

        return Terms with { ManagementFeeCapBasisPoints = cap };
    }

    /// <summary>Maps the domain's term field names onto this form's field names.</summary>
    public static string? FieldFor(string? domainField) => domainField switch
    {
        nameof(AgreementTerms.ManagementFeeCapBasisPoints) => nameof(ManagementFeeCap),
        nameof(AgreementDetails.QuorumBasisPoints) => nameof(Quorum),
        not null when typeof(AgreementTerms).GetProperty(domainField) is not null => $"{nameof(Terms)}.{domainField}",
        _ => domainField,
    };

    public static IEnumerable<SelectListItem> RenewalPolicies =>
    [
        new("Aucun renouvellement (pas de tacite reconduction)", ((int)RenewalPolicy.None).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Renouvelée à la demande du partenaire", ((int)RenewalPolicy.OnPartnerRequest).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Prolongée par avenant", ((int)RenewalPolicy.ByAmendment).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<SelectListItem> EndOfTermRules =>
    [
        new("Dernier jour en vigueur : la veille de l'échéance (usage)", ((int)EndOfTermRule.DayBeforeAnniversary).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Dernier jour en vigueur : le jour de l'échéance", ((int)EndOfTermRule.OnAnniversary).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<SelectListItem> WorkingDayPolicies =>
    [
        new("Reporter au jour ouvré suivant une échéance tombant un samedi, un dimanche ou un jour férié (CPC, art. 642)", ((int)WorkingDayPolicy.ExtendToNextWorkingDay).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Compter en jours calendaires, sans report", ((int)WorkingDayPolicy.CalendarDays).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<SelectListItem> CeilingPolicies =>
    [
        new("Signaler le dépassement du plafond annuel, sans bloquer la décision", ((int)Copil.Domain.Reporting.CeilingPolicy.Warn).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Refuser toute validation qui dépasserait le plafond annuel", ((int)Copil.Domain.Reporting.CeilingPolicy.Block).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<SelectListItem> HolidayZones =>
    [
        new("Jours fériés nationaux", ((int)HolidayZone.National).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Jours fériés nationaux et d'Alsace-Moselle", ((int)HolidayZone.AlsaceMoselle).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
