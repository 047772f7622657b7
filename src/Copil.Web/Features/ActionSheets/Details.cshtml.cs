using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.ActionSheets;

/// <summary>One action sheet: what it says, where it stands, and the step each role may take next.</summary>
[AgreementPermission(AgreementPermission.ViewActionSheets)]
public sealed class DetailsModel(
    ActionSheetCommands commands, AgreementReader agreements, Attachments.AttachmentStore attachments, Reporting.ReportingQueries reporting,
    Communication.LogoCommands logos, DigitalTools.DigitalToolCommands tools, Relays.RelayCommands relays) : PageModel
{
    /// <summary>The relays of this action in the signatories' networks (art. 11).</summary>
    public IReadOnlyList<Copil.Domain.Relays.Relay> Relays { get; private set; } = [];

    [BindProperty]
    public RelayForm Relay { get; set; } = new();

    public sealed class RelayForm
    {
        public string? Network { get; set; }

        public DateOnly? On { get; set; }

        public string? Means { get; set; }
    }

    public async Task<IActionResult> OnPostRelayAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await relays.RecordAsync(Id, SheetId, Grant, Access.Actor.Of(User), Relay.Network, Relay.On, Relay.Means, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors, "Relay");
            return Page();
        }

        TempData["Success"] = $"Relais par « {result.Value.Network} » enregistré.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}#relais");
    }

    /// <summary>The day on which the materials' logo authorisations are checked (art. 11); today by default.</summary>
    [BindProperty(SupportsGet = true, Name = "logos-le")]
    public DateOnly? LogosOn { get; set; }

    /// <summary>The logo register as this person sees it, for the materials and uses of this action.</summary>
    public Communication.LogoRegister Logos { get; private set; } = null!;

    /// <summary>The digital tools this action funds (art. 12).</summary>
    public IReadOnlyList<DigitalTools.ToolView> Tools { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid SheetId { get; set; }

    [BindProperty]
    public StepForm Step { get; set; } = new();

    /// <summary>The versions to compare (any two); by default the previous one and the latest.</summary>
    [BindProperty(SupportsGet = true, Name = "de")]
    public int? CompareFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "a")]
    public int? CompareTo { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public ActionSheet Sheet { get; private set; } = null!;

    public Copil.Domain.Reporting.CeilingCheck? Ceiling { get; private set; }

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today => commands.Today;

    public List<Attachments.Attachment> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachmentId)
    {
        if (!await LoadAsync() || await attachments.OpenAsync(Id, SheetId, attachmentId, Grant) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.Attachment.ContentType, file.Attachment.FileName);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? description)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanCarry)
        {
            return StatusCode(403);
        }

        if (file is null)
        {
            ModelState.AddModelError("File", "Choisissez un fichier.");
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await attachments.AddAsync(Id, SheetId, Grant, Actor.Of(User).Name, file.FileName, stream, file.Length, description);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field ?? "File", error.Message);
            }

            return Page();
        }

        TempData["Success"] = $"Le fichier « {result.Value.FileName} » est joint à la fiche.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}#pieces-jointes");
    }

    public sealed class StepForm
    {
        public int Version { get; set; }

        public Guid? PartyId { get; set; }

        public OpinionVerdict? Verdict { get; set; }

        public string? Recommendations { get; set; }

        public string? Comment { get; set; }

        public string? Reason { get; set; }

        public CommitteeOutcome? CommitteeOutcome { get; set; }

        public BoardOutcome? BoardOutcome { get; set; }

        public DateOnly? On { get; set; }

        public string? Reference { get; set; }

        /// <summary>The real date of an opinion given before it is entered (history); empty for today.</summary>
        public DateOnly? GivenOn { get; set; }
    }

    /// <summary>The ministry whose opinion is shown for review before it is saved (no JavaScript: a second submit confirms it).</summary>
    public Guid? OpinionReview { get; private set; }

    /// <summary>The ministry whose opinion form is shown again with what was typed (after « Modifier » or a refusal).</summary>
    public Guid? OpinionTyping { get; private set; }

    /// <summary>The opinions this person may correct now: their ministry's (or any, for the secretariat) on the version under review, before the committee decides.</summary>
    public IReadOnlyList<Opinion> CorrectableOpinions =>
        Sheet.Status is not (ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.ReadyForCommittee) || Sheet.ReviewedVersion is not { } version ? []
        : [.. Sheet.OpinionsOn(version.Number).Where(o => Grant.IsAdministrator || CanSteer || ActionSheetAccess.OpinionParties(Grant.Memberships).Contains(o.PartyId))];

    public bool CanCarry => ActionSheetAccess.CanCarry(Sheet, Grant.Memberships, Grant.IsAdministrator) && Grant.Can(AgreementPermission.CarryActions);

    public bool CanSteer => Grant.Can(AgreementPermission.SteerActions);

    public bool CanRecordBoard => Grant.Can(AgreementPermission.RecordBoardDecisions);

    /// <summary>The ministries this person still owes an opinion for, on the version under review.</summary>
    public IReadOnlyList<Party> MyAwaitedOpinions =>
        [.. Sheet.AwaitedOpinions(Agreement).Where(p => Grant.IsAdministrator || ActionSheetAccess.OpinionParties(Grant.Memberships).Contains(p.Id))];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnGetPdfAsync() => DocumentAsync(report: false, pdf: true);

    public Task<IActionResult> OnGetDocxAsync() => DocumentAsync(report: false, pdf: false);

    public Task<IActionResult> OnGetReportPdfAsync() => DocumentAsync(report: true, pdf: true);

    public Task<IActionResult> OnGetReportDocxAsync() => DocumentAsync(report: true, pdf: false);

    private async Task<IActionResult> DocumentAsync(bool report, bool pdf)
    {
        if (!await LoadAsync() || (report && Sheet.Report is null))
        {
            return NotFound();
        }

        var doc = report ? Documents.SheetDocuments.Report(Agreement, Sheet, Today) : Documents.SheetDocuments.Sheet(Agreement, Sheet, Today);
        var name = $"{(report ? "fiche-de-realisation" : "fiche-action")}-{Sheet.Number}";
        return pdf
            ? File(Documents.PdfRenderer.Render(doc), "application/pdf", $"{name}.pdf")
            : File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{name}.docx");
    }

    public Task<IActionResult> OnPostSubmitAsync() => RunAsync(Right.Carry, () => commands.SubmitAsync(Id, SheetId, Step.Version),
        "La fiche est soumise aux avis des ministères.");

    /// <summary>A ministry's opinion, in two steps: shown for review, then saved when confirmed; « Modifier » shows the form again as typed.</summary>
    public async Task<IActionResult> OnPostOpinionAsync(bool confirmed = false, bool change = false)
    {
        var grant = HttpContext.Grant();
        if (Step.PartyId is not { } party || (!grant.IsAdministrator && !ActionSheetAccess.OpinionParties(grant.Memberships).Contains(party)))
        {
            return StatusCode(403);
        }

        if (Step.Verdict is null)
        {
            ModelState.AddModelError("Step.Verdict", "Choisissez l'avis : favorable, réservé ou défavorable.");
        }
        else if (!confirmed)
        {
            this.AddDomainErrors(ActionSheet.OpinionErrors(Step.Verdict.Value, Step.Recommendations, Step.Comment), "Step", _ => true, "");
        }

        if (change || !ModelState.IsValid || !confirmed)
        {
            if (!await LoadAsync())
            {
                return NotFound();
            }

            if (change || !ModelState.IsValid)
            {
                OpinionTyping = party;
            }
            else
            {
                OpinionReview = party;
            }

            return Page();
        }

        OpinionTyping = party;
        return await RunAsync(Right.Opinion, () => commands.GiveOpinionAsync(Id, SheetId, Step.Version, party, Step.Verdict ?? OpinionVerdict.Favorable, Step.Recommendations, Step.Comment, Actor.Of(User).Name, Step.GivenOn),
            Step.GivenOn is { } day && day < Today ? "L'avis est enregistré à sa date réelle (saisi a posteriori) ; personne n'est notifié." : "L'avis est enregistré.");
    }

    /// <summary>
    /// The committee decision the secretariat may correct here: the last one, recorded (not made by a vote), while the
    /// sheet has not moved on past it (the domain refuses by name otherwise).
    /// </summary>
    public CommitteeDecision? CorrectableDecision =>
        CanSteer && Sheet.CommitteeDecisions.Count > 0 && Sheet.CommitteeDecisions[^1] is { VoteId: null } last && Sheet.StandsWhereLeftBy(last) ? last : null;

    /// <summary>Whether the decision correction form is shown again after a refusal.</summary>
    public bool CorrectingDecision { get; private set; }

    public async Task<IActionResult> OnPostCorrectDecisionAsync(Guid decisionId)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanSteer)
        {
            return StatusCode(403);
        }

        CorrectingDecision = true;
        if (Step.CommitteeOutcome is not { } outcome)
        {
            ModelState.AddModelError("Step.CommitteeOutcome", "Choisissez la décision : validée, rejetée ou ajournée.");
            return Page();
        }

        var result = await commands.CorrectCommitteeDecisionAsync(Id, SheetId, Step.Version, decisionId, outcome, Step.Reason, Actor.Of(User).Name);
        if (result.IsFailure)
        {
            this.AddDomainErrors(result.Errors, "Step", _ => true, "");
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "La décision du comité est corrigée ; la correction et son motif sont conservés avec elle, le porteur et les membres en sont informés.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}");
    }

    /// <summary>The ministry whose opinion correction form is shown again, open, with what was typed, after a refusal.</summary>
    public Guid? CorrectingOpinionOf { get; private set; }

    /// <summary>Whether the board decision correction form is shown again after a refusal.</summary>
    public bool CorrectingBoard { get; private set; }

    public async Task<IActionResult> OnPostCorrectBoardAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanRecordBoard)
        {
            return StatusCode(403);
        }

        CorrectingBoard = true;
        if (Step.BoardOutcome is not { } outcome)
        {
            ModelState.AddModelError("Step.BoardOutcome", "Choisissez la décision : approuvée ou refusée.");
            return Page();
        }

        var result = await commands.CorrectBoardDecisionAsync(Id, SheetId, Step.Version, outcome, Step.Reason, Actor.Of(User).Name);
        if (result.IsFailure)
        {
            this.AddDomainErrors(result.Errors, "Step", _ => true, "");
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "La décision du conseil d'administration est corrigée ; la correction et son motif sont conservés avec elle.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}");
    }

    /// <summary>Corrects an opinion with a reason (the ministry that gave it, or the secretariat), before the committee decides.</summary>
    public async Task<IActionResult> OnPostCorrectOpinionAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Step.PartyId is not { } party || !(Grant.IsAdministrator || CanSteer || ActionSheetAccess.OpinionParties(Grant.Memberships).Contains(party)))
        {
            return StatusCode(403);
        }

        CorrectingOpinionOf = party;

        if (Step.Verdict is null)
        {
            ModelState.AddModelError("Step.Verdict", "Choisissez l'avis : favorable, réservé ou défavorable.");
            return Page();
        }

        var result = await commands.CorrectOpinionAsync(Id, SheetId, Step.Version, party, Step.Verdict.Value, Step.Recommendations, Step.Comment, Step.Reason, Actor.Of(User).Name);
        if (result.IsFailure)
        {
            this.AddDomainErrors(result.Errors, "Step", _ => true, "");
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "L'avis est corrigé ; la correction et son motif sont conservés avec lui, le porteur et le secrétariat en sont informés.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}#avis");
    }

    public Task<IActionResult> OnPostRevisionAsync() => RunAsync(Right.Steer, () => commands.RequestRevisionAsync(Id, SheetId, Step.Version, Step.Reason ?? ""),
        "La révision est demandée au porteur.");

    public Task<IActionResult> OnPostCommitteeAsync()
    {
        RequireDecision(Step.CommitteeOutcome is null);
        return RunAsync(Right.Steer, () => commands.RecordCommitteeDecisionAsync(Id, SheetId, Step.Version, Step.CommitteeOutcome ?? CommitteeOutcome.Adjourned, Step.On ?? default, Step.Reference ?? ""),
            "La décision du comité est enregistrée.");
    }

    public Task<IActionResult> OnPostBoardAsync()
    {
        RequireDecision(Step.BoardOutcome is null);
        return RunAsync(Right.Board, () => commands.RecordBoardDecisionAsync(Id, SheetId, Step.Version, Step.BoardOutcome ?? BoardOutcome.Refused, Step.On ?? default, Step.Reference ?? ""),
            "La décision du conseil d'administration est enregistrée ; elle est à rapporter aux membres du comité (art. 14).");
    }

    public Task<IActionResult> OnPostReportedAsync() => RunAsync(Right.Board, () => commands.MarkBoardDecisionReportedAsync(Id, SheetId, Step.Version, Step.On ?? Today),
        "Le retour au comité est noté.");

    public Task<IActionResult> OnPostStartAsync() => RunAsync(Right.Steer, () => commands.StartAsync(Id, SheetId, Step.Version, Step.On ?? Today),
        "L'action est en cours.");

    public Task<IActionResult> OnPostAcceptReportAsync() => RunAsync(Right.Steer, () => commands.AcceptReportAsync(Id, SheetId, Step.Version),
        "La fiche de réalisation est acceptée.");

    public Task<IActionResult> OnPostReturnReportAsync() => RunAsync(Right.Steer, () => commands.ReturnReportAsync(Id, SheetId, Step.Version),
        "La fiche de réalisation est renvoyée au porteur.");

    public Task<IActionResult> OnPostCloseAsync() => RunAsync(Right.Steer, () => commands.CloseAsync(Id, SheetId, Step.Version), "L'action est clôturée.");

    public Task<IActionResult> OnPostWithdrawAsync() => RunAsync(Right.Carry, () => commands.WithdrawAsync(Id, SheetId, Step.Version, Step.Reason ?? ""), "La fiche est retirée.");

    public Task<IActionResult> OnPostAbandonAsync() => RunAsync(Right.Steer, () => commands.AbandonAsync(Id, SheetId, Step.Version, Step.Reason ?? ""), "L'action est abandonnée.");

    private enum Right
    {
        Carry,
        Opinion,
        Steer,
        Board,
    }

    private void RequireDecision(bool missing)
    {
        if (missing)
        {
            ModelState.AddModelError("Step.Outcome", "Choisissez la décision.");
        }

        ModelState.RequireValue("Step.On", Step.On is not null, "Indiquez la date de la décision.");
    }

    private async Task<IActionResult> RunAsync(Right right, Func<Task<Result<ActionSheet>>> step, string success)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var allowed = right switch
        {
            Right.Carry => CanCarry,
            Right.Opinion => Grant.Can(AgreementPermission.GiveOpinions),
            Right.Steer => CanSteer,
            _ => CanRecordBoard,
        };
        if (!allowed)
        {
            return StatusCode(403);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await step();
        if (result.IsFailure)
        {
            // The content of the sheet is corrected on its edit page: those messages link there.
            this.AddDomainErrors(result.Errors, "Step", field => typeof(StepForm).GetProperty(field) is not null, $"/conventions/{Id}/fiches/{SheetId}/modifier");
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = success;
        return Redirect($"/conventions/{Id}/fiches/{SheetId}");
    }

    private async Task<bool> LoadAsync()
    {
        Grant = HttpContext.Grant();
        Agreement = (await agreements.LoadAsync(Id))!;
        var sheet = await commands.LoadAsync(Id, SheetId);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, Grant.Memberships, Grant.IsAdministrator))
        {
            return false;
        }

        Sheet = sheet;
        Files = await attachments.ListAsync(Id, SheetId);
        Logos = (await logos.RegisterAsync(Id, Grant, Access.Actor.Of(User), HttpContext.RequestAborted))!;
        Tools = (await tools.ListAsync(Id, Grant, SheetId, HttpContext.RequestAborted))!.Value.Tools;
        Relays = await relays.ForSheetAsync(Id, SheetId, HttpContext.RequestAborted);
        // Art. 16: wherever a decision is made on the sheet (opinions, committee), what it would do to the year's ceiling.
        if (sheet.Status is ActionStatus.Submitted or ActionStatus.UnderReview || sheet.AwaitsCommitteeDecision)
        {
            Ceiling = await reporting.CeilingCheckAsync(Agreement, sheet, HttpContext.RequestAborted);
        }

        return true;
    }
}
