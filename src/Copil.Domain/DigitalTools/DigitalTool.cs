using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.DigitalTools;

/// <summary>A ministry's answer on a digital tool, given on one revision of its sheets.</summary>
public enum ToolVerdict
{
    Approved = 0,
    Refused = 1,
}

/// <summary>One ministry's approval or refusal, bound to the revision of the sheets it read.</summary>
public sealed record ToolApproval(Guid MinistryPartyId, ToolVerdict Verdict, int SheetsRevision, DateOnly On, string By, string? Comment);

/// <summary>Where a tool stands, derived from its sheets, approvals and whether it is online.</summary>
public enum DigitalToolStatus
{
    /// <summary>Fiches à compléter.</summary>
    SheetsIncomplete = 0,

    /// <summary>Fiches complètes, accord des ministères attendu.</summary>
    AwaitingApprovals = 1,

    /// <summary>Un ministère a refusé cette version des fiches.</summary>
    Refused = 2,

    /// <summary>Approuvé par chaque ministère : peut être mis en ligne.</summary>
    Approved = 3,

    /// <summary>En ligne, après l'accord de chaque ministère.</summary>
    Online = 4,

    /// <summary>En ligne sans l'accord de chaque ministère sur ses fiches à jour : non conforme (art. 12).</summary>
    NonCompliant = 5,
}

/// <summary>
/// A digital tool funded under the agreement, tied to the action that funds it. Art. 12 of the seed: « Tous les outils
/// numériques financés … devront préalablement à leur mise en ligne obtenir un accord des ministères et présenteront des
/// fiches permettant de vérifier le respect du [RGPD] et du principe de transparence des algorithmes publics ». So the
/// tool goes online only once both sheets are complete and every ministry of the agreement approved their current
/// revision; changing a sheet after approval asks the ministries again.
/// </summary>
public sealed class DigitalTool
{
    public const string Article = "art. 12";

    public const int MaxNameLength = 300;

    private DigitalTool() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid ActionSheetId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public string? Address { get; private set; }

    public DateOnly DeclaredOn { get; private set; }

    public string DeclaredBy { get; private set; } = "";

    public GdprSheet Gdpr { get; private set; } = new();

    public AlgorithmSheet Algorithm { get; private set; } = new();

    /// <summary>Incremented by every change of a sheet: an approval holds for the revision it was given on.</summary>
    public int SheetsRevision { get; private set; } = 1;

    public IReadOnlyList<ToolApproval> Approvals { get; private set; } = [];

    public DateOnly? OnlineOn { get; private set; }

    public string? OnlineRecordedBy { get; private set; }

    /// <summary>True when the tool was found online before the ministries' agreement: a fact kept even once they approve.</summary>
    public bool WentOnlineWithoutApproval { get; private set; }

    public int Version { get; private set; }

    public static Result<DigitalTool> Declare(Guid agreementId, Guid actionSheetId, string? name, string? description, string? address, string declaredBy, DateOnly today)
    {
        var tool = new DigitalTool { Id = Guid.NewGuid(), AgreementId = agreementId, ActionSheetId = actionSheetId, DeclaredOn = today, DeclaredBy = declaredBy };
        var errors = tool.ApplyDetails(name, description, address);
        return errors.Count > 0 ? Result<DigitalTool>.Failure(errors) : tool;
    }

    public Result Describe(string? name, string? description, string? address)
    {
        var errors = ApplyDetails(name, description, address);
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Version++;
        return Result.Success();
    }

    /// <summary>Saves the GDPR sheet as typed (it may be incomplete while drafted); a change asks the ministries again.</summary>
    public Result UpdateGdprSheet(GdprSheet sheet)
    {
        var errors = sheet.CheckInput();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        var normalised = sheet.Normalised();
        if (normalised != Gdpr)
        {
            Gdpr = normalised;
            SheetsRevision++;
        }

        Version++;
        return Result.Success();
    }

    /// <summary>Saves the algorithm-transparency sheet as typed; a change asks the ministries again.</summary>
    public Result UpdateAlgorithmSheet(AlgorithmSheet sheet)
    {
        var errors = sheet.CheckInput();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        var normalised = sheet.Normalised();
        if (normalised != Algorithm)
        {
            Algorithm = normalised;
            SheetsRevision++;
        }

        Version++;
        return Result.Success();
    }

    /// <summary>The ministries whose agreement the tool needs: every State party of the agreement (art. 12).</summary>
    public static IEnumerable<Party> Ministries(Agreement agreement) => agreement.Parties.Where(p => p.IsState);

    /// <summary>A ministry's answer on the current revision of the sheets, if it gave one.</summary>
    public ToolApproval? CurrentAnswerOf(Guid ministryPartyId) =>
        Approvals.LastOrDefault(a => a.MinistryPartyId == ministryPartyId && a.SheetsRevision == SheetsRevision);

    /// <summary>A ministry approves or refuses the current sheets: only complete sheets can be judged; a refusal says why.</summary>
    public Result Answer(Agreement agreement, Guid ministryPartyId, ToolVerdict verdict, string? comment, string by, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (Ministries(agreement).All(p => p.Id != ministryPartyId))
        {
            errors.Add(new("tool.approval.ministry", "Seul un ministère signataire de la convention donne son accord sur un outil numérique (art. 12).", "MinistryPartyId"));
        }

        if (!Enum.IsDefined(verdict))
        {
            errors.Add(new("tool.approval.verdict", "Choisissez : accord ou refus.", "Verdict"));
        }

        if (!Gdpr.IsComplete || !Algorithm.IsComplete)
        {
            errors.Add(new("tool.approval.sheets-incomplete", "Les fiches de l'outil ne sont pas complètes : le ministère se prononce sur des fiches complètes (art. 12).", "Verdict"));
        }

        if (verdict == ToolVerdict.Refused && string.IsNullOrWhiteSpace(comment))
        {
            errors.Add(new("tool.approval.reason", "Indiquez le motif du refus : le porteur en a besoin pour revoir ses fiches.", "Comment"));
        }

        if (comment is not null && (comment.Length > 2000 || SaneInput.HasControlCharacter(comment, multiline: true)))
        {
            errors.Add(new("tool.approval.comment", "Le commentaire tient en 2 000 caractères, sans caractère invisible.", "Comment"));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Approvals = [.. Approvals, new ToolApproval(ministryPartyId, verdict, SheetsRevision, today, by, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim())];
        Version++;
        return Result.Success();
    }

    /// <summary>
    /// What still stands between the tool and going online, in French, each naming its field: a sheet incomplete, a
    /// ministry that has not approved (or refused) the current sheets. Empty: it may go online.
    /// </summary>
    public IReadOnlyList<DomainError> MissingBeforeOnline(Agreement agreement)
    {
        var missing = new List<DomainError>();
        missing.AddRange(Gdpr.Missing().Select(e => e with { Field = $"Gdpr.{e.Field}" }));
        missing.AddRange(Algorithm.Missing().Select(e => e with { Field = $"Algorithm.{e.Field}" }));
        foreach (var ministry in Ministries(agreement))
        {
            var answer = CurrentAnswerOf(ministry.Id);
            if (answer is null)
            {
                missing.Add(new("tool.online.approval-missing", $"L'accord du {ministry.ShortName} sur les fiches à jour manque (art. 12).", "Approvals"));
            }
            else if (answer.Verdict == ToolVerdict.Refused)
            {
                missing.Add(new("tool.online.approval-refused", $"Le {ministry.ShortName} a refusé l'outil le {FrenchText.Date(answer.On)} : revoyez les fiches, puis demandez son accord à nouveau.", "Approvals"));
            }
        }

        return missing;
    }

    /// <summary>Records that the tool went online on <paramref name="on"/>: refused, listing what is missing, until the gate of art. 12 is passed.</summary>
    public Result GoOnline(Agreement agreement, DateOnly? on, string by, DateOnly today)
    {
        if (OnlineOn is not null)
        {
            return Result.Failure(new DomainError("tool.online.already", $"L'outil est déjà en ligne depuis le {FrenchText.Date(OnlineOn.Value)}."));
        }

        if (CheckOnlineDate(on, today) is { } wrongDate)
        {
            return Result.Failure(wrongDate);
        }

        var missing = MissingBeforeOnline(agreement);
        if (missing.Count > 0)
        {
            return Result.Failure(missing.Prepend(new DomainError("tool.online.refused", "L'outil ne peut pas être mis en ligne : il lui manque ce qui suit (art. 12).")));
        }

        OnlineOn = on;
        OnlineRecordedBy = by;
        Version++;
        return Result.Success();
    }

    /// <summary>
    /// Records that the tool was found online: a fact, recorded whatever the approvals, so that a tool online without
    /// them is shown as non-compliant (art. 12) instead of being left out.
    /// </summary>
    public Result RecordFoundOnline(Agreement agreement, DateOnly? on, string by, DateOnly today)
    {
        if (OnlineOn is not null)
        {
            return Result.Failure(new DomainError("tool.online.already", $"L'outil est déjà enregistré en ligne depuis le {FrenchText.Date(OnlineOn.Value)}."));
        }

        if (CheckOnlineDate(on, today) is { } wrongDate)
        {
            return Result.Failure(wrongDate);
        }

        WentOnlineWithoutApproval = MissingBeforeOnline(agreement).Count > 0;
        OnlineOn = on;
        OnlineRecordedBy = by;
        Version++;
        return Result.Success();
    }

    /// <summary>Records that the tool is no longer online (taken down, e.g. until the ministries approve it).</summary>
    public Result TakeOffline()
    {
        if (OnlineOn is null)
        {
            return Result.Failure(new DomainError("tool.offline.not-online", "L'outil n'est pas en ligne."));
        }

        OnlineOn = null;
        OnlineRecordedBy = null;
        WentOnlineWithoutApproval = false;
        Version++;
        return Result.Success();
    }

    public DigitalToolStatus StatusIn(Agreement agreement)
    {
        var missing = MissingBeforeOnline(agreement);
        if (OnlineOn is not null)
        {
            // Approvals given afterwards make it compliant again; that it went online without them stays recorded.
            return missing.Count > 0 ? DigitalToolStatus.NonCompliant : DigitalToolStatus.Online;
        }

        if (!Gdpr.IsComplete || !Algorithm.IsComplete)
        {
            return DigitalToolStatus.SheetsIncomplete;
        }

        return missing.Any(m => m.Code == "tool.online.approval-refused") ? DigitalToolStatus.Refused
            : missing.Count > 0 ? DigitalToolStatus.AwaitingApprovals
            : DigitalToolStatus.Approved;
    }

    public static string StatusLabel(DigitalToolStatus status) => status switch
    {
        DigitalToolStatus.SheetsIncomplete => "Fiches à compléter",
        DigitalToolStatus.AwaitingApprovals => "Accord des ministères attendu",
        DigitalToolStatus.Refused => "Refusé par un ministère",
        DigitalToolStatus.Approved => "Approuvé, peut être mis en ligne",
        DigitalToolStatus.Online => "En ligne",
        DigitalToolStatus.NonCompliant => "En ligne sans accord : non conforme (art. 12)",
        _ => status.ToString(),
    };

    private static DomainError? CheckOnlineDate(DateOnly? on, DateOnly today) =>
        on is null ? new("tool.online.date", "Indiquez la date de mise en ligne.", "OnlineOn")
        : !SaneInput.IsSaneDate(on.Value) ? new("tool.online.date", SaneInput.DateRangeMessage, "OnlineOn")
        : on > today ? new("tool.online.future", "La mise en ligne s'enregistre le jour où elle a lieu, pas à l'avance.", "OnlineOn")
        : null;

    private List<DomainError> ApplyDetails(string? name, string? description, string? address)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || SaneInput.HasControlCharacter(name, multiline: false))
        {
            errors.Add(new("tool.name", $"Indiquez le nom de l'outil ({MaxNameLength} caractères au plus).", "Name"));
        }

        if (description is not null && (description.Length > 4000 || SaneInput.HasControlCharacter(description, multiline: true)))
        {
            errors.Add(new("tool.description", "La description tient en 4 000 caractères, sans caractère invisible.", "Description"));
        }

        var trimmedAddress = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (trimmedAddress is not null && (trimmedAddress.Length > 500
            || !Uri.TryCreate(trimmedAddress, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add(new("tool.address", "L'adresse de l'outil est une adresse web complète (https://…).", "Address"));
        }

        if (errors.Count == 0)
        {
            Name = name!.Trim();
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
            Address = trimmedAddress;
        }

        return errors;
    }
}
