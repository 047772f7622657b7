using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Account;

/// <summary>
/// Two factors for a local account: an authenticator app (the QR code drawn by the server, the key also in text),
/// confirmed by a first code; ten recovery codes shown once; turned off only by whom the policy does not bind.
/// </summary>
public sealed class TwoFactorModel(UserManager<CopilUser> users, SignInManager<CopilUser> signIn, TwoFactorPolicy policy, UserSessions sessions) : PageModel
{
    public const string Path = "/compte/double-authentification";

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string? Key { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), "Saisissez le code à 6 chiffres affiché par l'application.");
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code))
        {
            ModelState.AddModelError(nameof(Code), "Ce code n'est pas valable : vérifiez que l'application a bien ajouté la clé ci-dessous et que l'heure du téléphone est juste, puis saisissez le code affiché maintenant.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        // The security stamp changed: every other session ends, this one is opened again with the new state.
        await sessions.EndAllAsync(user.Id, "double authentification activée", HttpContext.RequestAborted);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        Code = null;
        ModelState.Clear();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return NotFound();
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return NotFound();
        }

        if (await policy.IsRequiredAsync(user, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Code), "Votre rôle impose la double authentification : elle ne peut pas être désactivée.");
        }
        else if (string.IsNullOrWhiteSpace(Code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code))
        {
            ModelState.AddModelError(nameof(Code), "Saisissez un code valable de l'application pour confirmer.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Success"] = "La double authentification est désactivée.";
        return Redirect(Path);
    }

    private async Task<bool> LoadAsync(CopilUser? user = null)
    {
        user ??= await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Enabled = user.TwoFactorEnabled;
        Required = await policy.IsRequiredAsync(user, HttpContext.RequestAborted);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            Key = string.Join(" ", key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
            var uri = $"otpauth://totp/Copil:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer=Copil&digits=6&period=30";
            using var generator = new QRCoder.QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
            QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(6));
        }

        return true;
    }
}
