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

    public int TermMonths { get; set; } = 36;

    public string TermArticle { get; set; } = "art. 17";

    public RenewalPolicy RenewalPolicy { get; set; }

    public EndOfTermRule EndOfTermRule { get; set; }

    public string CommitteeArticle { get; set; } = "art. 13";

    /// <summary>Optional quorum, as a percentage of the total weight ("50"); empty for none.</summary>
    public string? Quorum { get; set; }

    public int NoticePeriodMonths { get; set; } = 2;

    public string NoticePeriodArticle { get; set; } = "art. 18";

    public int DocumentsLeadDays { get; set; } = 7;

    public string DocumentsLeadArticle { get; set; } = "art. 14";

    public int MinutesReviewDays { get; set; } = 7;

    public string MinutesReviewArticle { get; set; } = "art. 14";

    public int AnnualReportDueDay { get; set; } = 30;

    public int AnnualReportDueMonth { get; set; } = 4;

    public string AnnualReportArticle { get; set; } = "art. 15";

    public int SpringMeetingDueDay { get; set; } = 15;

    public int SpringMeetingDueMonth { get; set; } = 6;

    public string SpringMeetingArticle { get; set; } = "art. 14";

    public int MinimumMeetingsPerYear { get; set; } = 2;

    public string? ManagementFeeCap { get; set; } = "5,65";

    public string ManagementFeeArticle { get; set; } = "art. 16";

    public int? OpinionDelayDays { get; set; }

    public string? ReminderOffsets { get; set; } = "7, 2, 0";

    public WorkingDayPolicy WorkingDayPolicy { get; set; } = WorkingDayPolicy.ExtendToNextWorkingDay;

    public HolidayZone HolidayZone { get; set; }

    public Copil.Domain.Reporting.CeilingPolicy CeilingPolicy { get; set; }

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
        NoticePeriodMonths = a.Terms.NoticePeriodMonths,
        NoticePeriodArticle = a.Terms.NoticePeriodArticle,
        DocumentsLeadDays = a.Terms.DocumentsLeadDays,
        DocumentsLeadArticle = a.Terms.DocumentsLeadArticle,
        MinutesReviewDays = a.Terms.MinutesReviewDays,
        MinutesReviewArticle = a.Terms.MinutesReviewArticle,
        AnnualReportDueDay = a.Terms.AnnualReportDueDay,
        AnnualReportDueMonth = a.Terms.AnnualReportDueMonth,
        AnnualReportArticle = a.Terms.AnnualReportArticle,
        SpringMeetingDueDay = a.Terms.SpringMeetingDueDay,
        SpringMeetingDueMonth = a.Terms.SpringMeetingDueMonth,
        SpringMeetingArticle = a.Terms.SpringMeetingArticle,
        MinimumMeetingsPerYear = a.Terms.MinimumMeetingsPerYear,
        ManagementFeeCap = FrenchNumbers.BasisPointsText(a.Terms.ManagementFeeCapBasisPoints),
        ManagementFeeArticle = a.Terms.ManagementFeeArticle,
        OpinionDelayDays = a.Terms.OpinionDelayDays,
        ReminderOffsets = a.Terms.ReminderOffsets,
        WorkingDayPolicy = a.Terms.WorkingDayPolicy,
        HolidayZone = a.Terms.HolidayZone,
        CeilingPolicy = a.Terms.CeilingPolicy,
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

        return new AgreementTerms
        {
            NoticePeriodMonths = NoticePeriodMonths,
            NoticePeriodArticle = NoticePeriodArticle ?? "",
            DocumentsLeadDays = DocumentsLeadDays,
            DocumentsLeadArticle = DocumentsLeadArticle ?? "",
            MinutesReviewDays = MinutesReviewDays,
            MinutesReviewArticle = MinutesReviewArticle ?? "",
            AnnualReportDueMonth = AnnualReportDueMonth,
            AnnualReportDueDay = AnnualReportDueDay,
            AnnualReportArticle = AnnualReportArticle ?? "",
            SpringMeetingDueMonth = SpringMeetingDueMonth,
            SpringMeetingDueDay = SpringMeetingDueDay,
            SpringMeetingArticle = SpringMeetingArticle ?? "",
            MinimumMeetingsPerYear = MinimumMeetingsPerYear,
            ManagementFeeCapBasisPoints = cap,
            ManagementFeeArticle = ManagementFeeArticle ?? "",
            OpinionDelayDays = OpinionDelayDays,
            ReminderOffsets = ReminderOffsets ?? "",
            WorkingDayPolicy = WorkingDayPolicy,
            HolidayZone = HolidayZone,
            CeilingPolicy = CeilingPolicy,
        };
    }

    /// <summary>Maps the domain's term field names onto this form's field names.</summary>
    public static string? FieldFor(string? domainField) => domainField switch
    {
        nameof(AgreementTerms.ManagementFeeCapBasisPoints) => nameof(ManagementFeeCap),
        nameof(AgreementDetails.QuorumBasisPoints) => nameof(Quorum),
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
