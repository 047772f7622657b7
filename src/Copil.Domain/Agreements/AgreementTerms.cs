using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.Agreements;

/// <summary>
/// The terms of one agreement as data (never constants of the code), each with the article that states it.
/// Defaults are those of the seed agreement (ministries + OPCO Mobilités, 2020).
/// </summary>
public sealed record AgreementTerms
{
    /// <summary>Minimum notice before a termination takes effect, in months (seed: 2, art. 18).</summary>
    public int NoticePeriodMonths { get; init; } = 2;

    public string NoticePeriodArticle { get; init; } = "art. 18";

    /// <summary>Working documents reach members at least this many days before a meeting (seed: 7, art. 14).</summary>
    public int DocumentsLeadDays { get; init; } = 7;

    public string DocumentsLeadArticle { get; init; } = "art. 14";

    /// <summary>The reviewing directorates proof-read minutes within this many days (seed: 7, art. 14).</summary>
    public int MinutesReviewDays { get; init; } = 7;

    public string MinutesReviewArticle { get; init; } = "art. 14";

    /// <summary>The annual report of year N is due before this day of N+1 (seed: 30 April, art. 15).</summary>
    public int AnnualReportDueMonth { get; init; } = 4;

    public int AnnualReportDueDay { get; init; } = 30;

    public string AnnualReportArticle { get; init; } = "art. 15";

    /// <summary>The spring committee meets before this day each year (seed: 15 June, art. 14).</summary>
    public int SpringMeetingDueMonth { get; init; } = 6;

    public int SpringMeetingDueDay { get; init; } = 15;

    public string SpringMeetingArticle { get; init; } = "art. 14";

    /// <summary>Minimum committee meetings a year (seed: 2, art. 14).</summary>
    public int MinimumMeetingsPerYear { get; init; } = 2;

    /// <summary>Management-fee cap in basis points, inclusive (seed: 565 = 5,65 %, art. 16).</summary>
    public int ManagementFeeCapBasisPoints { get; init; } = 565;

    public string ManagementFeeArticle { get; init; } = "art. 16";

    /// <summary>Days the ministries have to give an opinion on a submitted sheet; null when the agreement sets none (the seed sets none).</summary>
    public int? OpinionDelayDays { get; init; }

    /// <summary>Whether forward deadlines ending on a non-working day move to the next working day (CPC art. 642).</summary>
    public WorkingDayPolicy WorkingDayPolicy { get; init; } = WorkingDayPolicy.ExtendToNextWorkingDay;

    public HolidayZone HolidayZone { get; init; } = HolidayZone.National;

    /// <summary>
    /// Whether a validation that would take a year past its ceiling is only flagged or refused. The seed says actions
    /// are paid within the COM's envelope (art. 16) but not what the committee does beyond it: a setting per agreement.
    /// </summary>
    public Reporting.CeilingPolicy CeilingPolicy { get; init; } = Reporting.CeilingPolicy.Warn;

    /// <summary>
    /// Days before a due date when its owner is reminded, e.g. "7, 2, 0" (0 = on the day). A setting of the platform
    /// for this agreement, not a clause of the text: the agreement sets the dates, Copil chooses when to remind.
    /// </summary>
    public string ReminderOffsets { get; init; } = "7, 2, 0";

    /// <summary>The reminder offsets as numbers, largest first; the default ones when the text cannot be read.</summary>
    public IReadOnlyList<int> ReminderOffsetDays => ParseOffsets(ReminderOffsets) ?? [7, 2, 0];

    private static List<int>? ParseOffsets(string? text)
    {
        var days = new List<int>();
        foreach (var part in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) || day > 90)
            {
                return null;
            }

            days.Add(day);
        }

        return days.Count is >= 1 and <= 5 ? [.. days.Distinct().OrderDescending()] : null;
    }

    public static AgreementTerms Seed { get; } = new();

    /// <summary>Every rule the terms must satisfy, with the field it concerns.</summary>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        if (NoticePeriodMonths is < 0 or > 36)
        {
            errors.Add(new("terms.notice", "Le préavis de résiliation doit être compris entre 0 et 36 mois.", nameof(NoticePeriodMonths)));
        }

        if (DocumentsLeadDays is < 0 or > 90)
        {
            errors.Add(new("terms.documents", "Le délai d'envoi des documents doit être compris entre 0 et 90 jours.", nameof(DocumentsLeadDays)));
        }

        if (MinutesReviewDays is < 1 or > 90)
        {
            errors.Add(new("terms.minutes", "Le délai de relecture du compte rendu doit être compris entre 1 et 90 jours.", nameof(MinutesReviewDays)));
        }

        if (!IsValidDayOfYear(AnnualReportDueMonth, AnnualReportDueDay))
        {
            errors.Add(new("terms.annual-report", "La date limite du bilan annuel n'est pas une date valide.", nameof(AnnualReportDueDay)));
        }

        if (!IsValidDayOfYear(SpringMeetingDueMonth, SpringMeetingDueDay))
        {
            errors.Add(new("terms.spring-meeting", "La date limite du comité de printemps n'est pas une date valide.", nameof(SpringMeetingDueDay)));
        }

        if (MinimumMeetingsPerYear is < 0 or > 12)
        {
            errors.Add(new("terms.meetings", "Le nombre minimal de réunions par an doit être compris entre 0 et 12.", nameof(MinimumMeetingsPerYear)));
        }

        if (ManagementFeeCapBasisPoints is < 0 or > 10_000)
        {
            errors.Add(new("terms.fee-cap", "Le plafond des frais de gestion doit être compris entre 0 et 100 %.", nameof(ManagementFeeCapBasisPoints)));
        }

        if (OpinionDelayDays is < 1 or > 365)
        {
            errors.Add(new("terms.opinion-delay", "Le délai de remise des avis doit être compris entre 1 et 365 jours.", nameof(OpinionDelayDays)));
        }

        if (!Enum.IsDefined(WorkingDayPolicy))
        {
            errors.Add(new("terms.working-days", "Choisissez le traitement des échéances tombant un jour non ouvré.", nameof(WorkingDayPolicy)));
        }

        if (ParseOffsets(ReminderOffsets) is null)
        {
            errors.Add(new("terms.reminders", "Indiquez de 1 à 5 nombres de jours entre 0 et 90, séparés par des virgules (par exemple « 7, 2, 0 »).", nameof(ReminderOffsets)));
        }

        if (!Enum.IsDefined(HolidayZone))
        {
            errors.Add(new("terms.holidays", "Choisissez le calendrier des jours fériés.", nameof(HolidayZone)));
        }

        foreach (var (article, field) in new[]
                 {
                     (NoticePeriodArticle, nameof(NoticePeriodArticle)), (DocumentsLeadArticle, nameof(DocumentsLeadArticle)),
                     (MinutesReviewArticle, nameof(MinutesReviewArticle)), (AnnualReportArticle, nameof(AnnualReportArticle)),
                     (SpringMeetingArticle, nameof(SpringMeetingArticle)), (ManagementFeeArticle, nameof(ManagementFeeArticle)),
                 })
        {
            if (string.IsNullOrWhiteSpace(article) || article.Length > 40)
            {
                errors.Add(new("terms.article", "Indiquez l'article de la convention (40 caractères au plus), par exemple « art. 14 ».", field));
            }
        }

        return errors;
    }

    // 29 February is refused: a yearly due date must exist every year.
    private static bool IsValidDayOfYear(int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2023, month);

    public WorkingDayCalendar Calendar() => new(HolidayZone);

    /// <summary>The annual report of <paramref name="year"/> is addressed before the set day of the next year (seed: 30 April, art. 15).</summary>
    public ComputedDeadline AnnualReportDeadline(int year) =>
        Deadlines.StrictlyBefore(new DateOnly(year + 1, AnnualReportDueMonth, AnnualReportDueDay), Calendar());

    public string FeeCapText => FrenchText.Percent(ManagementFeeCapBasisPoints);
}
