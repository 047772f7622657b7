using System.Security.Cryptography;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Administration;

/// <summary>Platform administrators create accounts; roles in agreements are given by each agreement's secretariat.</summary>
public sealed class AccountsModel(CopilDbContext db, UserManager<CopilUser> users) : PageModel
{
    public sealed record AccountRow(string DisplayName, string Email, bool IsAdministrator, int Memberships);

    public sealed class AccountForm
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public bool IsAdministrator { get; set; }
    }

    [BindProperty]
    public AccountForm Input { get; set; } = new();

    public List<AccountRow> Accounts { get; private set; } = [];

    public string? CreatedEmail { get; private set; }

    public string? CreatedPassword { get; private set; }

    private bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Indiquez l'adresse électronique.");
        }

        if (string.IsNullOrWhiteSpace(Input.DisplayName) || Input.DisplayName.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.DisplayName", "Indiquez le prénom et le nom (200 caractères au plus).");
        }

        if (ModelState.IsValid)
        {
            var email = Input.Email!.Trim();
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var result = await users.CreateAsync(new CopilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = Input.DisplayName!.Trim(),
                IsPlatformAdministrator = Input.IsAdministrator,
            }, password);
            if (result.Succeeded)
            {
                CreatedEmail = email;
                CreatedPassword = password;
                Input = new AccountForm();
                ModelState.Clear();
            }
            else
            {
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Input.Email", error.Description);
                }
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Accounts = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new AccountRow(u.DisplayName, u.Email ?? "", u.IsPlatformAdministrator, db.Memberships.Count(m => m.UserId == u.Id)))
            .ToListAsync();
}
