using System.Security.Claims;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Account;

public sealed class AccountModel(CopilDbContext db, PersonalAccessTokenService tokens, UserManager<CopilUser> users, SignInManager<CopilUser> signIn) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public List<PersonalAccessToken> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    public sealed class PasswordInput
    {
        public string? Current { get; set; }

        public string? New { get; set; }
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (string.IsNullOrWhiteSpace(TokenName) || TokenName.Trim().Length > 100)
        {
            ModelState.AddModelError(nameof(TokenName), "Donnez un nom au jeton (100 caractères au plus).");
            await LoadAsync();
            return Page();
        }

        var (_, secret) = await tokens.CreateAsync(UserId, TokenName, HttpContext.RequestAborted);
        NewSecret = secret;
        TokenName = null;
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        await tokens.RevokeAsync(UserId, tokenId, HttpContext.RequestAborted);
        TempData["Success"] = "Le jeton est révoqué : il ne permet plus aucun accès.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Password.Current))
        {
            ModelState.AddModelError("Password.Current", "Saisissez votre mot de passe actuel.");
        }

        if (string.IsNullOrEmpty(Password.New))
        {
            ModelState.AddModelError("Password.New", "Saisissez le nouveau mot de passe.");
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Password.Current!, Password.New!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                TempData["Success"] = "Votre mot de passe est changé.";
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", error.Description);
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == UserId);
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        Tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedAtUtc).ToListAsync();
    }
}
