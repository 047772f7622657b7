using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.DueDates;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Copil.Web.Features.Committee;

/// <summary>One meeting: its agenda, the notice, who attended, the named votes, and the way to its minutes.</summary>
[AgreementPermission(AgreementPermission.ViewMeetings)]
public sealed class MeetingModel(MeetingCommands commands, MinutesCommands minutes, AgreementReader agreements, MeetingDocumentStore documents, Reporting.ReportingQueries reporting) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public ItemForm Item { get; set; } = new();

    [BindProperty]
    public MeetingDetails Input { get; set; } = new();

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? CancelReason { get; set; }

    public sealed class ItemForm
    {
        public AgendaItemKind Kind { get; set; } = AgendaItemKind.ActionSheet;

        public string? Title { get; set; }

        public Guid? ActionSheetId { get; set; }

        public bool NeedsVote { get; set; }
    }

    public Agreement Agreement { get; private set; } = null!;

    public Meeting Meeting { get; private set; } = null!;

    public Minutes? Minutes { get; private set; }

    public List<ActionSheet> Candidates { get; private set; } = [];

    public List<MeetingDocument> Documents { get; private set; } = [];

    [BindProperty]
    public string? DocumentTitle { get; set; }

    public async Task<IActionResult> OnGetDocumentAsync(Guid documentId)
    {
        if (await documents.OpenAsync(Id, MeetingId, documentId, HttpContext.RequestAborted) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.Document.ContentType, file.Document.FileName);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", "Choisissez le fichier à déposer.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var added = await documents.AddAsync(Id, MeetingId, DocumentTitle, file.FileName, stream, file.Length, Actor.Of(User).Name, HttpContext.RequestAborted);
            if (added.IsSuccess)
            {
                TempData["Success"] = added.Value.Late
                    ? $"Le document « {added.Value.Title} » (version {added.Value.VersionNumber}) est déposé ; il est signalé comme envoyé après le délai de l'art. 14."
                    : $"Le document « {added.Value.Title} » (version {added.Value.VersionNumber}) est déposé.";
                return Redirect($"/conventions/{Id}/comite/{MeetingId}#documents");
            }

            foreach (var error in added.Errors)
            {
                ModelState.AddModelError(error.Field == "Title" ? nameof(DocumentTitle) : error.Field ?? "", error.Message);
            }
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    public bool CanSteer => HttpContext.Grant().Can(AgreementPermission.SteerActions);

    /// <summary>False for an invitee, who sees the meetings and their documents only.</summary>
    public bool CanViewAgreement => HttpContext.Grant().Can(AgreementPermission.View);

    public DateOnly Today => commands.Today;

    public IEnumerable<SelectListItem> ItemKinds =>
    [
        new("Décision sur une fiche action", nameof(AgendaItemKind.ActionSheet)),
        new("Décision sur une demande de modification", nameof(AgendaItemKind.ChangeRequest)),
        new("Bilan annuel", nameof(AgendaItemKind.AnnualReport)),
        new("Priorités de l'année", nameof(AgendaItemKind.Priorities)),
        new("Autre point", nameof(AgendaItemKind.Other)),
    ];

    public IEnumerable<SelectListItem> SheetChoices =>
        [new("—", ""), .. Candidates.Select(s => new SelectListItem($"n° {s.Number} — {s.Title} ({ActionLabels.Status(s.Status)}{(s.PendingChange is not null ? ", modification demandée" : "")})", s.Id.ToString()))];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input = Meeting.Details;
        return Page();
    }

    public async Task<IActionResult> OnGetIcsAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var ics = ICalendar.Write([CommitteeNotices.Event(Agreement, Meeting, HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Notifications.MailOptions>>().Value.PublicUrl.TrimEnd('/'))], Meeting.Label, commands.Now);
        return File(ics, "text/calendar; charset=utf-8", "reunion.ics");
    }

    public Task<IActionResult> OnPostEditAsync() => RunAsync(() => commands.EditAsync(Id, MeetingId, Version, Input), "La réunion est modifiée ; si elle était convoquée et que sa date, son heure ou son lieu changent, chaque personne convoquée reçoit l'invitation mise à jour.", "Input");

    public Task<IActionResult> OnPostAddItemAsync() =>
        RunAsync(() => commands.AddItemAsync(Id, MeetingId, Version, Item.Kind, Item.Title, Item.ActionSheetId, Item.NeedsVote), "Le point est inscrit à l'ordre du jour.", "Item");

    public Task<IActionResult> OnPostAddSheetsAsync(List<Guid>? sheetIds) =>
        RunAsync(() => commands.AddSheetItemsAsync(Id, MeetingId, Version, sheetIds ?? []), "Les fiches cochées sont inscrites à l'ordre du jour.");

    public Task<IActionResult> OnPostRemoveItemAsync(Guid itemId) => RunAsync(() => commands.RemoveItemAsync(Id, MeetingId, Version, itemId), "Le point est retiré de l'ordre du jour.");

    public Task<IActionResult> OnPostRecordAsPastAsync() =>
        RunAsync(() => commands.RecordAsPastAsync(Id, MeetingId, Version),
            "La réunion est enregistrée comme tenue avant sa saisie (« saisie a posteriori ») : saisissez les présences, les votes et la clôture ; personne n'est convoqué ni notifié.");

    public Task<IActionResult> OnPostConveneAsync() =>
        RunAsync(() => commands.ConveneAsync(Id, MeetingId, Version), "La réunion est convoquée : chaque membre reçoit l'ordre du jour et l'invitation de calendrier.");

    /// <param name="attendance">Presence per seat id.</param>
    /// <param name="inviteesPresent">Invitees who attended.</param>
    public Task<IActionResult> OnPostAttendanceAsync([FromForm(Name = "Attendance")] Dictionary<Guid, Presence>? attendance, List<Guid>? inviteesPresent) =>
        RunAsync(() => commands.RecordAttendanceAsync(Id, MeetingId, Version, [.. (attendance ?? []).Select(p => new SeatPresence(p.Key, p.Value))], inviteesPresent ?? []), "Les présences sont enregistrées.");

    /// <summary>A vote (or its correction) counted and shown for review before it is saved: the second submit confirms it, no JavaScript needed.</summary>
    public sealed record VoteReview(Guid ItemId, ItemVote Preview, bool Unanimous, bool Correcting);

    public VoteReview? Review { get; private set; }

    /// <summary>The point whose vote form is shown again with what was typed (after « Modifier » or a refusal), and whether it corrects a recorded vote.</summary>
    public (Guid ItemId, bool Correcting)? Typing { get; private set; }

    /// <summary>The ballots typed in the form being reviewed or shown again, by seat ("For", "Against", "Abstain"; empty: does not vote).</summary>
    public Dictionary<Guid, string?> TypedBallots { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>
    /// A vote on a point, or the correction of a recorded one (with its reason), in two steps: first counted and shown
    /// for review, then saved when confirmed; « Modifier » shows the form again with what was typed.
    /// </summary>
    /// <param name="itemId">The agenda item voted on.</param>
    /// <param name="ballots">A vote per seat id ("For", "Against", "Abstain"; empty: the seat does not vote). Named explicitly: without
    /// any ballot (unanimity confirmed), a dictionary bound by its parameter name would read every other field as a seat id.</param>
    /// <param name="unanimous">« Unanimité des présents »: the radios are not read, every seat present or represented votes for.</param>
    /// <param name="confirmed">The review was seen and confirmed: save.</param>
    /// <param name="correcting">A recorded vote is corrected (the reason is required).</param>
    /// <param name="change">Back from the review to the form, with what was typed.</param>
    public async Task<IActionResult> OnPostVoteAsync(Guid itemId, [FromForm(Name = "Ballots")] Dictionary<Guid, string?>? ballots, bool unanimous = false, bool confirmed = false, bool correcting = false, bool change = false)
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        TypedBallots = ballots ?? [];
        Typing = (itemId, correcting);
        var choices = new List<(Guid, VoteChoice)>();
        foreach (var (seat, value) in TypedBallots)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Enum.TryParse<VoteChoice>(value, out var choice) || !Enum.IsDefined(choice))
            {
                ModelState.AddModelError($"Vote.Seat_{seat}", "Un vote est pour, contre ou abstention.");
                continue;
            }

            choices.Add((seat, choice));
        }

        if (change || !ModelState.IsValid || !confirmed)
        {
            if (!await LoadAsync())
            {
                return NotFound();
            }

            if (change || !ModelState.IsValid)
            {
                return Page();
            }

            var preview = Meeting.PreviewVote(Agreement, itemId, unanimous ? Meeting.UnanimityOfThosePresent() : choices, Actor.Of(User).Name, Today);
            var refusal = correcting ? Meeting.CorrectionRefusal(Minutes, Reason) : null;
            if (preview.IsFailure || refusal is not null)
            {
                ModelState.AddDomainErrors([.. preview.Errors, .. refusal is null ? [] : new[] { refusal }], "Vote");
                return Page();
            }

            Review = new VoteReview(itemId, preview.Value, unanimous, correcting);
            Typing = null;
            return Page();
        }

        var by = Actor.Of(User).Name;
        return correcting
            ? await RunAsync(() => commands.CorrectVoteAsync(Id, MeetingId, Version, itemId, unanimous ? null : choices, Reason, by),
                "Le vote est corrigé ; la correction et son motif sont conservés avec lui et, si la décision sur la fiche change, elle est rejouée.", "Vote")
            : await RunAsync(() => commands.RecordVoteAsync(Id, MeetingId, Version, itemId, unanimous ? null : choices, by, Notes),
                unanimous ? "Le vote est enregistré : unanimité des présents ; les notes du point sont enregistrées avec lui." : "Le vote est enregistré, avec les notes du point.", "Vote");
    }

    /// <summary>Corrects the attendance with a reason; every vote is counted again on it.</summary>
    /// <param name="attendance">Presence per seat id.</param>
    /// <param name="inviteesPresent">Invitees who attended.</param>
    public Task<IActionResult> OnPostCorrectAttendanceAsync([FromForm(Name = "Attendance")] Dictionary<Guid, Presence>? attendance, List<Guid>? inviteesPresent)
    {
        (TypedAttendance, TypedInvitees) = (attendance ?? [], inviteesPresent ?? []);
        return RunAsync(() => commands.CorrectAttendanceAsync(Id, MeetingId, Version, [.. (attendance ?? []).Select(p => new SeatPresence(p.Key, p.Value))], inviteesPresent ?? [], Reason, Actor.Of(User).Name),
            "Les présences sont corrigées ; la correction et son motif sont conservés, et les votes recomptés.", "Attendance");
    }

    /// <summary>The attendance typed in the correction form, shown again after a refusal.</summary>
    public Dictionary<Guid, Presence>? TypedAttendance { get; private set; }

    public List<Guid>? TypedInvitees { get; private set; }

    /// <summary>Whether presences and votes can still be corrected: until the minutes are validated (art. 14).</summary>
    public bool CanCorrect => CanSteer && Meeting.Status is MeetingStatus.Convened or MeetingStatus.Held && Minutes?.Status != MinutesStatus.Validated;

    public Task<IActionResult> OnPostNotesAsync(Guid itemId) => RunAsync(() => commands.WriteNotesAsync(Id, MeetingId, Version, itemId, Notes), "Les notes du point sont enregistrées.");

    public Task<IActionResult> OnPostCloseAsync() => RunAsync(() => commands.CloseAsync(Id, MeetingId, Version), "La réunion est déclarée tenue : le compte rendu peut être rédigé.");

    public Task<IActionResult> OnPostCancelAsync() => RunAsync(() => commands.CancelAsync(Id, MeetingId, Version, CancelReason), "La réunion est annulée ; si elle était convoquée, chaque personne convoquée reçoit l'annulation pour son agenda.");

    /// <summary>The minutes of a meeting entered afterwards, validated outside Copil.</summary>
    public sealed class PastMinutesForm
    {
        public string? Text { get; set; }

        public DateOnly? SentOn { get; set; }

        public DateOnly? ReviewedOn { get; set; }

        public DateOnly? ValidatedOn { get; set; }
    }

    [BindProperty]
    public PastMinutesForm PastMinutes { get; set; } = new();

    public async Task<IActionResult> OnPostPastMinutesAsync(IFormFile? file)
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        if (ModelState.IsValid)
        {
            await using var content = file is { Length: > 0 } ? file.OpenReadStream() : null;
            var copy = content is null ? null : new MinutesCommands.SignedCopy(file!.FileName, content, file.Length);
            var recorded = await minutes.RecordPastAsync(Id, MeetingId, PastMinutes.Text, PastMinutes.SentOn, PastMinutes.ReviewedOn, PastMinutes.ValidatedOn, copy, Actor.Of(User).Name, documents, HttpContext.RequestAborted);
            if (recorded.IsSuccess)
            {
                TempData["Success"] = "Le compte rendu validé est enregistré (saisi a posteriori) avec ses dates réelles ; son texte est figé.";
                return Redirect($"/conventions/{Id}/comite/{MeetingId}/compte-rendu");
            }

            if (recorded.FailureKind == ErrorKind.NotFound)
            {
                return NotFound();
            }

            foreach (var error in recorded.Errors)
            {
                ModelState.AddModelError(error.Field is "File" ? "PastMinutesFile" : error.Field is null ? "" : $"PastMinutes.{error.Field}", error.Message);
            }
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDraftMinutesAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var drafted = await minutes.DraftAsync(Id, MeetingId, Actor.Of(User).Name, HttpContext.RequestAborted);
        if (drafted.IsFailure && drafted.FailureKind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (drafted.IsFailure)
        {
            ModelState.AddDomainErrors(drafted.Errors);
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "Le compte rendu est rédigé à partir de la réunion : complétez-le, puis adressez-le pour relecture.";
        return Redirect($"/conventions/{Id}/comite/{MeetingId}/compte-rendu");
    }

    private async Task<IActionResult> RunAsync(Func<Task<Result<Meeting>>> step, string success, string prefix = "Input")
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        if (ModelState.IsValid)
        {
            var result = await step();
            if (result.IsSuccess)
            {
                TempData["Success"] = success;
                return Redirect($"/conventions/{Id}/comite/{MeetingId}");
            }

            if (result.FailureKind == ErrorKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddDomainErrors(result.Errors, prefix);
        }

        if (!await LoadAsync())
        {
            return NotFound();
        }

        return Page();
    }

    public Dictionary<Guid, Copil.Domain.Reporting.CeilingCheck> Ceilings { get; private set; } = [];

    private async Task<bool> LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        if (await commands.LoadAsync(Id, MeetingId, HttpContext.RequestAborted) is not { } meeting)
        {
            return false;
        }

        Meeting = meeting;
        Minutes = await minutes.LoadAsync(Id, MeetingId, HttpContext.RequestAborted);
        Documents = await documents.ListAsync(Id, MeetingId, HttpContext.RequestAborted);
        // Art. 16: each point still to be decided shows what its validation would do to the year's ceiling.
        var undecided = meeting.Items.Where(i => i.ActionSheetId is not null && meeting.Votes.All(v => v.ItemId != i.Id)).Select(i => i.ActionSheetId!.Value).ToList();
        Ceilings = CanViewAgreement ? await reporting.CeilingChecksAsync(Agreement, undecided, HttpContext.RequestAborted) : [];
        if (CanSteer)
        {
            Candidates = await commands.SheetsForAgendaAsync(Id, HttpContext.RequestAborted);
        }

        return true;
    }

    public string SeatLabel(CommitteeSeat seat) => Meeting.SeatLabel(Agreement, seat);

    public static string PresenceLabel(Presence presence) => presence switch
    {
        Presence.Present => "présent",
        Presence.Represented => "représenté par son suppléant",
        _ => "absent",
    };

    public static string OutcomeLabel(TallyOutcome outcome) => outcome switch
    {
        TallyOutcome.Adopted => "adopté",
        TallyOutcome.Rejected => "rejeté",
        TallyOutcome.NoVoteCast => "aucune voix exprimée",
        _ => "quorum non atteint",
    };

    public static string KindLabel(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.ActionSheet => "Fiche action",
        AgendaItemKind.ChangeRequest => "Demande de modification",
        AgendaItemKind.AnnualReport => "Bilan annuel",
        AgendaItemKind.Priorities => "Priorités",
        _ => "Autre point",
    };

    public string Describe =>
        $"{FrenchText.DateWithDay(Meeting.MeetsOn)}{(Meeting.StartsAt is null ? "" : $", {Meeting.StartsAt}")} — {Meeting.Place ?? "visioconférence"}"
        + (Meeting.VideoLink is null ? "" : $" — visioconférence : {Meeting.VideoLink}");

    public string DeadlineText => $"{FrenchText.DateWithDay(Meeting.DocumentsDeadline(Agreement).Date)} ({Meeting.DocumentsDeadlineSource(Agreement)})";
}
