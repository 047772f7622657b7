using System.Security.Claims;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Account;

public sealed class AccountModel(CopilDbContext db, PersonalAccessTokenService tokens, UserManager<CopilUser> users, SignInManager<CopilUser> signIn,
    Features.Notifications.NotificationQueries notifications, Features.DueDates.CalendarFeed calendar, UserSessions sessions, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PreferencesInput Preferences { get; set; } = new();

    public sealed class PreferencesInput
    {
        public Copil.Domain.Notifications.NotificationDelivery Delivery { get; set; }

        public bool MuteReminders { get; set; }
    }

    public bool HasCalendarFeed { get; private set; }

    public string? NewCalendarUrl { get; private set; }

    public async Task<IActionResult> OnPostPreferencesAsync()
    {
        var result = await notifications.SetPreferencesAsync(UserId, new(Preferences.Delivery, Preferences.MuteReminders), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError($"Preferences.{error.Field}", error.Message);
            }

            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "Vos préférences de notification sont enregistrées.";
        return RedirectToPage(null, null, "preferences");
    }

    public async Task<IActionResult> OnPostCalendarAsync()
    {
        NewCalendarUrl = await calendar.CreateAsync(UserId, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeCalendarAsync()
    {
        await calendar.RevokeAsync(UserId, HttpContext.RequestAborted);
        TempData["Success"] = "L'adresse de votre calendrier est révoquée : elle ne donne plus accès à rien.";
        return RedirectToPage(null, null, "calendrier");
    }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public List<PersonalAccessToken> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    [BindProperty]
    public DateOnly? TokenExpiresOn { get; set; }

    public DateOnly Today => clock.TodayInParis();

    /// <summary>The person's live sessions, this one first marked.</summary>
    public List<UserSession> Sessions { get; private set; } = [];

    public Guid? CurrentSession => UserSessions.SessionOf(User);

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public string IdleText => sessions.Idle.TotalMinutes % 60 == 0 ? FrenchText.Plural((int)sessions.Idle.TotalHours, "heure", "heures") : FrenchText.Plural((int)sessions.Idle.TotalMinutes, "minute", "minutes");

    public string AbsoluteText => FrenchText.Plural((int)sessions.Absolute.TotalHours, "heure", "heures");

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
        var refusals = PersonalAccessTokenService.Refusals(TokenName, TokenExpiresOn, Today);
        if (refusals.Count > 0 || !ModelState.IsValid)
        {
            foreach (var (field, message) in refusals)
            {
                var key = field == "name" ? nameof(TokenName) : nameof(TokenExpiresOn);
                if (ModelState[key]?.Errors.Count is null or 0)
                {
                    ModelState.AddModelError(key, message);
                }
            }

            await LoadAsync();
            return Page();
        }

        var (_, secret) = await tokens.CreateAsync(UserId, TokenName!, TokenExpiresOn!.Value, HttpContext.RequestAborted);
        NewSecret = secret;
        TokenName = null;
        TokenExpiresOn = null;
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    /// <summary>Ends one of the person's other sessions (a forgotten browser).</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(Guid sessionId)
    {
        if ((await sessions.LiveOfAsync(UserId, HttpContext.RequestAborted)).Any(s => s.Id == sessionId))
        {
            await sessions.EndAsync(sessionId, "fermée depuis une autre session", HttpContext.RequestAborted);
            TempData["Success"] = "La session est fermée : ce navigateur devra se connecter à nouveau.";
        }

        return RedirectToPage();
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
                // Every session ends, on every browser (a thief's copy included); this one is opened again at once.
                await sessions.EndAllAsync(user.Id, UserSessions.PasswordChanged, HttpContext.RequestAborted);
                await signIn.SignInAsync(user, isPersistent: false);
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
        Preferences = new PreferencesInput { Delivery = user.NotificationDelivery, MuteReminders = user.MuteReminders };
        HasCalendarFeed = user.CalendarFeedTokenHash is not null;
        Tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedAtUtc).ToListAsync();
        Sessions = await sessions.LiveOfAsync(UserId, HttpContext.RequestAborted);
        TokenExpiresOn ??= Today.AddDays(PersonalAccessTokenService.DefaultDays);
    }
}
