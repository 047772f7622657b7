using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Committee;

/// <summary>The minutes of a meeting: the text and its versions, the directorates' review, the members' validation, the frozen export.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class MinutesPageModel(MinutesCommands commands, MeetingCommands meetings, AgreementReader agreements, ConsultationCommands consultations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public Guid? PartyId { get; set; }

    /// <summary>Nothing is chosen for the reviewer: null until they say « j'approuve » or « j'ai des remarques ».</summary>
    [BindProperty]
    public bool? Approved { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The versions to compare; by default the previous one and the latest.</summary>
    [BindProperty(SupportsGet = true, Name = "de")]
    public int? CompareFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "a")]
    public int? CompareTo { get; set; }

    public IReadOnlyList<DiffLine>? Comparison { get; private set; }

    public Agreement Agreement { get; private set; } = null!;

    public Meeting Meeting { get; private set; } = null!;

    public Minutes Minutes { get; private set; } = null!;

    public AgreementGrant Grant => HttpContext.Grant();

    public bool CanSteer => Grant.Can(AgreementPermission.SteerActions);

    /// <summary>The ministries whose reviewing directorate the caller speaks for.</summary>
    public IReadOnlyList<Party> MyReviewParties =>
        [.. Minutes.Reviewers(Agreement).Where(p => ActionSheetAccess.SpeaksFor(Grant.Memberships, Grant.IsAdministrator, p.Id))];

    public DateOnly Today => commands.Today;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Text = Minutes.Current.Text;
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(int? version, string format)
    {
        if (!await LoadAsync() || (version is { } v && Minutes.Versions.All(x => x.Number != v)))
        {
            return NotFound();
        }

        var doc = Documents.MinutesDocument.For(Agreement, Meeting, Minutes, version ?? Minutes.Current.Number, Today);
        var name = $"compte-rendu-{Meeting.MeetsOn:yyyy-MM-dd}-v{version ?? Minutes.Current.Number}";
        return format == "docx"
            ? File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{name}.docx")
            : File(Documents.PdfRenderer.Render(doc), "application/pdf", $"{name}.pdf");
    }

    /// <summary>Whether the page shows the text as typed, rendered, without saving it.</summary>
    public bool Previewing { get; private set; }

    /// <summary>Renders the typed text as the document will show it; nothing is saved, the text stays in the editor.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var typed = Text;
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanSteer)
        {
            return StatusCode(403);
        }

        (Text, Previewing) = (typed, true);
        return Page();
    }

    public Task<IActionResult> OnPostReviseAsync() => RunAsync(() => CanSteer, () => commands.ReviseAsync(Id, MeetingId, Version, Text, Actor.Of(User).Name), "Une nouvelle version du compte rendu est enregistrée.", keepText: true);

    public Task<IActionResult> OnPostSendAsync() => RunAsync(() => CanSteer, () => commands.SendForReviewAsync(Id, MeetingId, Version), "Le compte rendu est adressé pour relecture aux directions.");

    public Task<IActionResult> OnPostReviewAsync() =>
        RunAsync(() => PartyId is { } party && MyReviewParties.Any(p => p.Id == party),
            () => Approved is { } approved
                ? commands.ReviewAsync(Id, MeetingId, Version, PartyId!.Value, approved, Comment, Grant, Actor.Of(User).Name)
                : Task.FromResult(Result<Minutes>.Failure(new DomainError("minutes.review.choice", "Choisissez votre réponse : « J'approuve le compte rendu » ou « J'ai des remarques ».", nameof(Approved)))),
            Approved == true ? "Votre approbation est enregistrée." : "Vos remarques sont transmises au secrétariat.");

    public Task<IActionResult> OnPostSubmitAsync() => RunAsync(() => CanSteer, () => commands.SubmitForValidationAsync(Id, MeetingId, Version), "Le compte rendu est soumis à la validation des membres du comité.");

    /// <param name="ballots">A vote per seat id ("For", "Against", "Abstain"; empty: the seat does not vote).</param>
    public Task<IActionResult> OnPostValidationAsync([FromForm(Name = "Ballots")] Dictionary<Guid, string?>? ballots)
    {
        var choices = new List<(Guid, VoteChoice)>();
        foreach (var (seat, value) in ballots ?? [])
        {
            if (!string.IsNullOrEmpty(value) && Enum.TryParse<VoteChoice>(value, out var choice))
            {
                choices.Add((seat, choice));
            }
        }

        return RunAsync(() => CanSteer, () => commands.RecordValidationAsync(Id, MeetingId, Version, choices, Actor.Of(User).Name), "Le vote des membres sur le compte rendu est enregistré.");
    }

    /// <param name="closesOn">The last day for the members to answer.</param>
    public async Task<IActionResult> OnPostConsultAsync(DateOnly? closesOn)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var opened = await consultations.OpenForMinutesAsync(Id, MeetingId, closesOn, HttpContext.RequestAborted);
        if (opened.IsSuccess)
        {
            TempData["Success"] = "Les membres sont consultés par écrit sur le compte rendu : chacun reçoit son lien de vote.";
            return Redirect(ConsultationCommands.ConsultationPath(Id, opened.Value.Id));
        }

        foreach (var error in opened.Errors)
        {
            ModelState.AddModelError(error.Field == "ClosesOn" ? "closesOn" : error.Field ?? "", error.Message);
        }

        Text = Minutes.Current.Text;
        return Page();
    }

    private async Task<IActionResult> RunAsync(Func<bool> allowed, Func<Task<Result<Minutes>>> step, string success, bool keepText = false)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!allowed())
        {
            return StatusCode(403);
        }

        var result = await step();
        if (result.IsSuccess)
        {
            TempData["Success"] = success;
            return Redirect($"/conventions/{Id}/comite/{MeetingId}/compte-rendu");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field ?? "", error.Message);
        }

        var text = Text;
        await LoadAsync();
        Text = keepText ? text : Minutes.Current.Text;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        var meeting = await meetings.LoadAsync(Id, MeetingId, HttpContext.RequestAborted);
        var minutes = meeting is null ? null : await commands.LoadAsync(Id, MeetingId, HttpContext.RequestAborted);
        if (meeting is null || minutes is null)
        {
            return false;
        }

        (Meeting, Minutes) = (meeting, minutes);
        if (minutes.Versions.Count > 1)
        {
            var to = minutes.Versions.FirstOrDefault(v => v.Number == CompareTo) ?? minutes.Current;
            var from = minutes.Versions.FirstOrDefault(v => v.Number == CompareFrom) ?? minutes.Versions[^2];
            (CompareFrom, CompareTo) = (from.Number, to.Number);
            Comparison = TextDiff.Lines(from.Text, to.Text);
        }

        return true;
    }

    public string ReviewText(MinutesReview r) =>
        $"{r.Directorate}, version {r.VersionNumber}, le {FrenchText.Date(r.On)}{(r.Late ? " (après le délai)" : "")} : {(r.Approved ? "approuvé" : "remarques")}";
}
