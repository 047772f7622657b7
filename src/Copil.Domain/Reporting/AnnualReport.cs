using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

public enum AnnualReportStatus
{
    /// <summary>En rédaction.</summary>
    Draft = 0,

    /// <summary>Adressé aux signataires pour validation.</summary>
    SentForValidation = 1,

    /// <summary>Validé par tous les signataires.</summary>
    Validated = 2,
}

/// <summary>The qualitative text of one cooperation axis (or of the general summary when <paramref name="AxisId"/> is null).</summary>
public sealed record QualitativeSection(Guid? AxisId, string Heading, string Text);

/// <summary>One version of the report's qualitative part; once sent to the signatories it never changes.</summary>
public sealed record AnnualReportVersion(int Number, IReadOnlyList<QualitativeSection> Sections, DateOnly? SentOn);

/// <summary>A signatory's answer on a sent version: validated, or a comment asking for changes.</summary>
public sealed record SignatoryResponse(int VersionNumber, Guid PartyId, bool Validated, string? Comment, DateOnly On, string By);

/// <summary>
/// The bilan annuel of year N (art. 15 of the seed): its figures come from what was recorded (see
/// <see cref="AnnualReportFigures"/>); its qualitative part is written per axis by the secretariat; it is presented to
/// the OPCO's commission and board, then sent to the signatories, who each validate it or comment. Versions are kept.
/// </summary>
public sealed class AnnualReport
{
    public const int MaxSectionLength = 20_000;

    private AnnualReport() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int Year { get; private set; }

    public AnnualReportStatus Status { get; private set; }

    /// <summary>Presented to the OPCO's commission (commission paritaire or its equivalent).</summary>
    public DateOnly? CommissionPresentedOn { get; private set; }

    /// <summary>Presented to the OPCO's board.</summary>
    public DateOnly? BoardPresentedOn { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AnnualReportVersion> Versions { get; private set; } = [];

    public IReadOnlyList<SignatoryResponse> Responses { get; private set; } = [];

    public AnnualReportVersion CurrentVersion => Versions[^1];

    /// <summary>The last version sent to the signatories, if any.</summary>
    public AnnualReportVersion? SentVersion => Versions.LastOrDefault(v => v.SentOn is not null);

    /// <summary>Art. 15: the report of year N is addressed before 30 April N+1 (as the agreement's terms say).</summary>
    public static ComputedDeadline DueDate(AgreementTerms terms, int year) => terms.AnnualReportDeadline(year);

    /// <summary>The parties a person answers for: the ministry a directorate reviews for, the party of a committee member's seat.</summary>
    public static IReadOnlyList<Guid> PartiesAnsweredBy(Agreement agreement, IEnumerable<Membership> memberships) =>
        [.. memberships.Select(m => m.Role switch
            {
                AgreementRole.ReviewingDirectorate => m.PartyId,
                AgreementRole.CommitteeMember => agreement.Seats.FirstOrDefault(s => s.Id == m.SeatId)?.PartyId,
                _ => null,
            })
            .OfType<Guid>().Distinct()];

    /// <summary>The parties that validate the report: every signatory party but the OPCO, which writes it.</summary>
    public static IReadOnlyList<Party> Validators(Agreement agreement) => [.. agreement.Parties.Where(p => p.Kind != PartyKind.Opco)];

    /// <summary>A report covers a year that has ended and in which the agreement was in force.</summary>
    public static Result<AnnualReport> Open(Agreement agreement, int year, DateOnly today)
    {
        if (year >= today.Year)
        {
            return new DomainError("report.year.not-ended", $"L'année {year} n'est pas terminée : son bilan peut être établi à partir du 1er janvier {year + 1}.", "Year");
        }

        if (agreement.SignedOn is not { } signed || year < signed.Year || (agreement.LastDayInForce is { } last && year > last.Year))
        {
            return new DomainError("report.year.out-of-term", $"La convention n'était pas en vigueur en {year} : pas de bilan annuel pour cette année.", "Year");
        }

        return new AnnualReport
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            Year = year,
            Status = AnnualReportStatus.Draft,
            Version = 1,
            Versions = [new AnnualReportVersion(1, DefaultSections(agreement), null)],
        };
    }

    /// <summary>One section for the general summary, then one per cooperation axis, in the agreement's order.</summary>
    public static IReadOnlyList<QualitativeSection> DefaultSections(Agreement agreement) =>
        [new(null, "Synthèse de l'année", ""), .. agreement.Axes.OrderBy(a => a.Position).Select(a => new QualitativeSection(a.Id, a.Title, ""))];

    /// <summary>Writes the qualitative part. A version already sent stays as it was: the change opens the next version.</summary>
    public Result EditText(Agreement agreement, IReadOnlyList<QualitativeSection> sections)
    {
        if (Status == AnnualReportStatus.Validated)
        {
            return new DomainError("report.validated", "Le bilan est validé par les signataires : il ne se modifie plus.");
        }

        var errors = new List<DomainError>();
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].AxisId is { } axis && agreement.Axes.All(a => a.Id != axis))
            {
                errors.Add(new("report.section.axis", $"Partie {i + 1} : cet axe n'appartient pas à la convention.", $"Sections[{i}]"));
            }

            if (sections[i].Text is { Length: > MaxSectionLength })
            {
                errors.Add(new("report.section.length", $"Partie « {sections[i].Heading} » : {MaxSectionLength / 1000} 000 caractères au plus.", $"Sections[{i}]"));
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        // Headings come from the agreement, never from the form: a renamed axis is renamed in the report.
        var cleaned = sections.Select(s => s with
        {
            Heading = s.AxisId is { } id ? agreement.Axes.First(a => a.Id == id).Title : "Synthèse de l'année",
            Text = (s.Text ?? "").Trim(),
        }).ToList();
        if (CurrentVersion.SentOn is not null)
        {
            Versions = [.. Versions, new AnnualReportVersion(CurrentVersion.Number + 1, cleaned, null)];
            Status = AnnualReportStatus.Draft;
        }
        else
        {
            Versions = [.. Versions.SkipLast(1), CurrentVersion with { Sections = cleaned }];
        }

        Version++;
        return Result.Success();
    }

    /// <summary>The dates the report was presented to the OPCO's commission and board: within year N+1, never in the future.</summary>
    public Result RecordPresentation(DateOnly? commission, DateOnly? board, DateOnly today)
    {
        var errors = new List<DomainError>();
        foreach (var (date, field, label) in new[] { (commission, nameof(CommissionPresentedOn), "commission"), (board, nameof(BoardPresentedOn), "conseil d'administration") })
        {
            if (date is { } d && (d > today || d.Year <= Year))
            {
                errors.Add(new("report.presented.date", $"La présentation au {label} a lieu après la fin de {Year} et n'est pas dans le futur.", field));
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        CommissionPresentedOn = commission;
        BoardPresentedOn = board;
        Version++;
        return Result.Success();
    }

    /// <summary>Sends the current version to the signatories for validation; an empty summary cannot be sent.</summary>
    public Result Send(DateOnly today)
    {
        if (Status != AnnualReportStatus.Draft)
        {
            return new DomainError("report.send.state", Status == AnnualReportStatus.Validated
                ? "Le bilan est déjà validé."
                : $"La version {CurrentVersion.Number} est déjà adressée aux signataires ; modifiez le texte pour en préparer une nouvelle.");
        }

        if (string.IsNullOrWhiteSpace(CurrentVersion.Sections.FirstOrDefault(s => s.AxisId is null)?.Text))
        {
            return new DomainError("report.send.summary", "Rédigez au moins la synthèse de l'année avant d'adresser le bilan.", "Sections[0]");
        }

        Versions = [.. Versions.SkipLast(1), CurrentVersion with { SentOn = today }];
        Status = AnnualReportStatus.SentForValidation;
        Version++;
        return Result.Success();
    }

    /// <summary>The parties whose answer on the sent version is still awaited.</summary>
    public IReadOnlyList<Party> Awaited(Agreement agreement) =>
        Status != AnnualReportStatus.SentForValidation || SentVersion is not { } sent
            ? []
            : [.. Validators(agreement).Where(p => !Responses.Any(r => r.VersionNumber == sent.Number && r.PartyId == p.Id && r.Validated))];

    public IReadOnlyList<SignatoryResponse> ResponsesOn(int versionNumber) => [.. Responses.Where(r => r.VersionNumber == versionNumber)];

    /// <summary>A signatory validates the sent version or comments on it (a comment is required then); all validated, the report is.</summary>
    public Result Respond(Agreement agreement, Guid partyId, bool validate, string? comment, DateOnly today, string by)
    {
        if (Status != AnnualReportStatus.SentForValidation || SentVersion is not { } sent)
        {
            return new DomainError("report.respond.state", "Le bilan n'est pas en attente de validation.");
        }

        var party = Validators(agreement).FirstOrDefault(p => p.Id == partyId);
        if (party is null)
        {
            return new DomainError("report.respond.party", "Seul un signataire de la convention valide le bilan annuel (art. 15).", "PartyId");
        }

        if (Responses.Any(r => r.VersionNumber == sent.Number && r.PartyId == partyId && r.Validated))
        {
            return new DomainError("report.respond.twice", $"{party.ShortName} a déjà validé la version {sent.Number}.", "PartyId");
        }

        if (!validate && string.IsNullOrWhiteSpace(comment))
        {
            return new DomainError("report.respond.comment", "Indiquez votre commentaire : ce qui doit être revu avant validation.", "Comment");
        }

        if (comment is { Length: > 10_000 })
        {
            return new DomainError("report.respond.length", "Le commentaire ne dépasse pas 10 000 caractères.", "Comment");
        }

        Responses = [.. Responses, new SignatoryResponse(sent.Number, partyId, validate, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), today, by)];
        if (Awaited(agreement).Count == 0)
        {
            Status = AnnualReportStatus.Validated;
        }

        Version++;
        return Result.Success();
    }

    public static string StatusLabel(AnnualReportStatus status) => status switch
    {
        AnnualReportStatus.Draft => "en rédaction",
        AnnualReportStatus.SentForValidation => "adressé aux signataires",
        _ => "validé par les signataires",
    };
}
