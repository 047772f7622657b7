using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.DigitalTools;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.DigitalTools;

/// <summary>One tool: its sheets, what is missing before it goes online, each ministry's answer, going online (art. 12).</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class DetailsModel(DigitalToolCommands commands, Agreements.AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ToolId { get; set; }

    [BindProperty]
    public AnswerForm Answer { get; set; } = new();

    [BindProperty]
    public OnlineForm Online { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public ToolView View { get; private set; } = null!;

    public AgreementGrant Grant { get; private set; } = null!;

    /// <summary>The ministries this person answers for that have not answered the current sheets.</summary>
    public IReadOnlyList<Party> MyMinistries { get; private set; } = [];

    public bool Carries { get; private set; }

    public DateOnly Today => commands.Today;

    public sealed class AnswerForm
    {
        public Guid? MinistryPartyId { get; set; }

        public ToolVerdict? Verdict { get; set; }

        public string? Comment { get; set; }

        public int Version { get; set; }
    }

    public sealed class OnlineForm
    {
        public DateOnly? On { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Online.On = Today;
        Answer.Version = View.Tool.Version;
        Online.Version = View.Tool.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        ModelState.RequireValue("Answer.Verdict", Answer.Verdict is not null, "Choisissez : accord ou refus.");
        if (Answer.MinistryPartyId is null || MyMinistries.All(m => m.Id != Answer.MinistryPartyId))
        {
            ModelState.AddModelError("", "Vous ne répondez que pour le ministère pour lequel vous êtes habilité.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.AnswerAsync(Id, ToolId, Grant, Actor.Of(User), new ToolAnswerInput(Answer.MinistryPartyId!.Value, Answer.Verdict!.Value, Answer.Comment, Answer.Version));
        return Done(result, "Answer", Answer.Verdict == ToolVerdict.Approved ? "Accord enregistré. Le porteur et le secrétariat sont prévenus." : "Refus enregistré. Le porteur et le secrétariat sont prévenus.");
    }

    public async Task<IActionResult> OnPostOnlineAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await commands.GoOnlineAsync(Id, ToolId, Grant, Actor.Of(User), new ToolOnlineInput(Online.On, Online.Version));
        return Done(result, "Online", "Mise en ligne enregistrée.");
    }

    public async Task<IActionResult> OnPostFoundOnlineAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await commands.RecordFoundOnlineAsync(Id, ToolId, Grant, Actor.Of(User), new ToolOnlineInput(Online.On, Online.Version));
        return Done(result, "Online", result.IsSuccess && result.Value.Status == DigitalToolStatus.NonCompliant
            ? "Outil enregistré en ligne sans l'accord des ministères : non conforme (art. 12). Les ministères sont prévenus."
            : "Mise en ligne enregistrée.");
    }

    public async Task<IActionResult> OnPostOfflineAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await commands.TakeOfflineAsync(Id, ToolId, Grant, Online.Version);
        return Done(result, "Online", "L'outil est enregistré hors ligne.");
    }

    public async Task<IActionResult> OnGetSheetsAsync(string? format)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var doc = Documents.AgreementRulesDocuments.ToolSheets(Agreement, View.Tool, View.Sheet, Today);
        return format == "docx"
            ? File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "outil-numerique-fiches.docx")
            : File(Documents.PdfRenderer.Render(doc), "application/pdf", "outil-numerique-fiches.pdf");
    }

    private IActionResult Done(Result<ToolView> result, string prefix, string success)
    {
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            if (result.FailureKind == ErrorKind.Conflict)
            {
                // Shown again with the current state: the next attempt applies to what the person now sees.
                ModelState.Remove("Answer.Version");
                ModelState.Remove("Online.Version");
                Answer.Version = View.Tool.Version;
                Online.Version = View.Tool.Version;
            }

            // What is missing before going online is listed at the top of the page, the rest next to its field.
            ModelState.AddDomainErrors(result.Errors.Where(e => e.Field is "OnlineOn" or "Verdict" or "Comment"), prefix);
            foreach (var error in result.Errors.Where(e => e.Field is not ("OnlineOn" or "Verdict" or "Comment")))
            {
                ModelState.AddModelError("", error.Message);
            }

            return Page();
        }

        TempData["Success"] = success;
        return Redirect(DigitalToolCommands.PathOf(result.Value.Tool));
    }

    private async Task<bool> LoadAsync()
    {
        Grant = HttpContext.Grant();
        if (await commands.FindAsync(Id, ToolId, Grant) is not { } view)
        {
            return false;
        }

        View = view;
        Agreement = (await reader.LoadAsync(Id))!;
        Carries = DigitalToolCommands.Carries(Grant, view.Sheet);
        MyMinistries = [.. DigitalTool.Ministries(Agreement).Where(m => ActionSheetAccess.SpeaksFor(Grant.Memberships, Grant.IsAdministrator, m.Id) && view.Tool.CurrentAnswerOf(m.Id) is null)];
        return true;
    }
}
