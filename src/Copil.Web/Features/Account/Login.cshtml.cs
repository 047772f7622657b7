using System.Globalization;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Account;

public sealed class LoginModel(SignInManager<CopilUser> signIn, IPasswordHasher<CopilUser> hasher, LoginThrottle throttle, ILogger<LoginModel> logger, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes) : PageModel
{
    /// <summary>Whether ProConnect is configured: its button is then offered first.</summary>
    public bool ProConnectOffered { get; private set; }

    /// <summary>Why a ProConnect sign-in came back without opening a session (query <c>proconnect</c>), or null.</summary>
    [BindProperty(SupportsGet = true, Name = "proconnect")]
    public string? ProConnectOutcome { get; set; }

    /// <summary>Set when a session cookie was refused because its session had ended on the server.</summary>
    [BindProperty(SupportsGet = true, Name = "fin")]
    public string? Ended { get; set; }

    public string? ProConnectRefusal => ProConnectOutcome switch
    {
        "inconnu" => "ProConnect vous a bien identifié, mais aucun compte Copil n'est ouvert à cette adresse électronique : demandez au secrétariat de la convention de vous inviter, puis reconnectez-vous.",
        "refuse" => "La connexion par ProConnect n'a pas abouti (réponse expirée, rejouée ou invalide) : rien n'a été ouvert. Recommencez depuis ce bouton.",
        _ => null,
    };

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ProConnectOffered = await schemes.GetSchemeAsync(ProConnect.Scheme) is not null;
        await next();
    }

    /// <summary>The same message for a wrong password and an unknown address: the page never tells who has an account.</summary>
    public const string Refused = "Adresse électronique ou mot de passe incorrect.";

    private static string? _decoyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }

    public void OnGet()
    {
        if (ProConnectRefusal is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Saisissez votre adresse électronique.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Saisissez votre mot de passe.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "inconnue";
        if (throttle.Refusal(email, address) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            logger.LogWarning("Sign-in throttled for {Address}", address);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError("Input.Password", $"Trop de tentatives de connexion : réessayez dans {Copil.Domain.Common.FrenchText.Plural(minutes, "minute", "minutes")}.");
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            // The same work as for a real account (one PBKDF2 verification), so that the time taken tells nothing either.
            _decoyHash ??= hasher.HashPassword(new CopilUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
            hasher.VerifyHashedPassword(new CopilUser(), _decoyHash, Input.Password!);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            // The throttle above is the lockout, and it treats every address alike; Identity's own would tell who exists.
            result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: false);
        }

        if (result.Succeeded)
        {
            throttle.Succeeded(email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.RequiresTwoFactor)
        {
            // The failures counted so far stay counted: the code step adds its own to them, so that knowing the password does
            // not reset the allowance of code guesses.
            return Redirect($"/connexion/code?ReturnUrl={Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/")}");
        }

        throttle.Failed(email);
        ModelState.AddModelError("Input.Password", Refused);
        return Page();
    }
}
