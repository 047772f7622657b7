using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Domain.Communication;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Communication;

/// <summary>One request for a logo: its materials, the ministry's decision (grant with an end date, or refuse), the letter.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class AuthorisationModel(LogoCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid AuthorisationId { get; set; }

    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    public LogoRegister Register { get; private set; } = null!;

    public LogoAuthorization Authorisation { get; private set; } = null!;

    public bool MayDecide { get; private set; }

    public bool MayWithdraw { get; private set; }

    public sealed class DecisionForm
    {
        /// <summary>"grant" or "refuse"; nothing is pre-selected.</summary>
        public string? Decision { get; set; }

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidUntil { get; set; }

        public string? Conditions { get; set; }

        public string? Reason { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input.Version = Authorisation.Version;
        Input.ValidFrom = Authorisation.WantedFrom;
        Input.ValidUntil = Authorisation.WantedUntil;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Input.Decision is not ("grant" or "refuse"))
        {
            ModelState.AddModelError("Input.Decision", "Choisissez : accorder ou refuser.");
            return Page();
        }

        var result = await commands.DecideAsync(Id, AuthorisationId, HttpContext.Grant(), Actor.Of(User),
            new LogoDecisionInput(Input.Decision == "grant", Input.ValidFrom, Input.ValidUntil, Input.Conditions, Input.Reason, Input.Version));
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            if (result.FailureKind == ErrorKind.Conflict)
            {
                ModelState.Remove("Input.Version");
                Input.Version = Authorisation.Version;
            }

            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = Input.Decision == "grant"
            ? $"Autorisation n° {result.Value.Number} accordée du {FrenchText.Date(result.Value.ValidFrom!.Value)} au {FrenchText.Date(result.Value.ValidUntil!.Value)}. Le demandeur et le secrétariat sont prévenus."
            : $"Demande n° {result.Value.Number} refusée. Le demandeur et le secrétariat sont prévenus.";
        return Redirect(LogoCommands.PathOf(result.Value));
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await commands.WithdrawAsync(Id, AuthorisationId, HttpContext.Grant(), Actor.Of(User), Input.Version);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = $"Demande n° {result.Value.Number} retirée.";
        return Redirect($"/conventions/{Id}/logos");
    }

    /// <summary>Whether this person may deposit the ministry's signed letter (the ministry or the secretariat, once granted).</summary>
    public bool MayAttachLetter { get; private set; }

    public async Task<IActionResult> OnPostSignedLetterAsync(IFormFile? file)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (file is null)
        {
            ModelState.AddModelError("File", "Choisissez le fichier de la lettre signée.");
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await commands.AttachSignedLetterAsync(Id, AuthorisationId, HttpContext.Grant(), file.FileName, stream, file.Length, Input.Version);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field ?? "File", error.Message);
            }

            return Page();
        }

        TempData["Success"] = $"La lettre signée « {result.Value.SignedLetterFileName} » est conservée avec l'autorisation n° {result.Value.Number}.";
        return Redirect(LogoCommands.PathOf(result.Value));
    }

    public async Task<IActionResult> OnGetSignedLetterAsync()
    {
        if (!await LoadAsync() || await commands.OpenSignedLetterAsync(Authorisation) is not { } content)
        {
            return NotFound();
        }

        return File(content, Authorisation.SignedLetterContentType ?? "application/octet-stream", Authorisation.SignedLetterFileName ?? "lettre-signee");
    }

    public async Task<IActionResult> OnGetLetterAsync(string? format)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var doc = Documents.AgreementRulesDocuments.AuthorisationLetter(Register.Agreement, Authorisation, Register.Sheets, Register.Today);
        var name = $"autorisation-logo-{Authorisation.Number}";
        return format == "docx"
            ? File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{name}.docx")
            : File(Documents.PdfRenderer.Render(doc), "application/pdf", $"{name}.pdf");
    }

    private async Task<bool> LoadAsync()
    {
        var grant = HttpContext.Grant();
        Register = (await commands.RegisterAsync(Id, grant, Actor.Of(User)))!;
        if (Register.Authorisations.FirstOrDefault(a => a.Id == AuthorisationId) is not { } found)
        {
            return false;
        }

        Authorisation = found;
        MayDecide = found.Status == LogoAuthorizationStatus.Requested && ActionSheetAccess.SpeaksFor(grant.Memberships, grant.IsAdministrator, found.MinistryPartyId);
        MayAttachLetter = found.Status == LogoAuthorizationStatus.Granted
            && (grant.Can(AgreementPermission.SteerActions) || ActionSheetAccess.SpeaksFor(grant.Memberships, grant.IsAdministrator, found.MinistryPartyId));
        MayWithdraw = found.Status == LogoAuthorizationStatus.Requested && (found.RequestedByUserId == Actor.Of(User).UserId || grant.Can(AgreementPermission.SteerActions));
        return true;
    }
}
