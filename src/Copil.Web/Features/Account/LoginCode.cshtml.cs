using System.Globalization;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Account;

/// <summary>The second step of a sign-in protected by two factors: a code of the authenticator app, or a recovery code.</summary>
public sealed class LoginCodeModel(SignInManager<CopilUser> signIn, LoginThrottle throttle, ILogger<LoginCodeModel> logger) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/connexion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // Only a person who has just given the right password reaches this step (Identity's short-lived cookie says who).
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect("/connexion");
        }

        var code = Code?.Trim();
        var recovery = RecoveryCode?.Trim();
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(recovery))
        {
            ModelState.AddModelError(nameof(Code), "Saisissez le code affiché par votre application, ou un code de secours.");
            return Page();
        }

        var account = user.Email ?? user.Id;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "inconnue";
        if (throttle.Refusal(account, address) is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(nameof(Code), $"Trop de codes erronés : réessayez dans {Copil.Domain.Common.FrenchText.Plural(Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)), "minute", "minutes")}.");
            return Page();
        }

        var result = string.IsNullOrEmpty(code)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recovery!)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(account);
            if (!string.IsNullOrEmpty(recovery) && string.IsNullOrEmpty(code))
            {
                logger.LogWarning("User {UserId} signed in with a recovery code", user.Id);
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        throttle.Failed(account);
        ModelState.AddModelError(string.IsNullOrEmpty(code) ? nameof(RecoveryCode) : nameof(Code), string.IsNullOrEmpty(code)
            ? "Ce code de secours n'est pas valable, ou a déjà servi."
            : "Ce code n'est pas valable : il a expiré, a déjà servi, ou l'heure de votre téléphone est décalée. Saisissez le code affiché maintenant.");
        return Page();
    }
}
