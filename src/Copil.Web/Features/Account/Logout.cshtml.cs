using System.Security.Claims;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Account;

public sealed class LogoutModel(SignInManager<CopilUser> signIn, IAuthenticationSchemeProvider schemes) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Signed in through ProConnect: the session ends here and at the provider (which asks for the ID token).
        var idToken = User.FindFirstValue(ClaimTypes.AuthenticationMethod) == ProConnect.Scheme
            ? await HttpContext.GetTokenAsync("id_token")
            : null;
        await signIn.SignOutAsync();
        if (idToken is not null && await schemes.GetSchemeAsync(ProConnect.Scheme) is not null)
        {
            var properties = new AuthenticationProperties { RedirectUri = "/connexion" };
            properties.Items["id_token"] = idToken;
            return SignOut(properties, ProConnect.Scheme);
        }

        return Redirect("/connexion");
    }
}
