using Copil.Domain.Voting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Committee;

/// <summary>A seat holder's personal link: the point, the seat, three choices; no sign-in, one use, until closing.</summary>
public sealed class VoteByLinkModel(VoteLinks links) : PageModel
{
    /// <summary>
    /// The link's secret, in the query string rather than the path: the path is written in the scope of every log line
    /// of the request, the query string is not.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "cle")]
    public string Secret { get; set; } = "";

    [BindProperty]
    public VoteChoice? Choice { get; set; }

    public LinkView? View { get; private set; }

    /// <summary>Why the link opens nothing (used, expired, invalid), or null.</summary>
    public string? Refusal { get; private set; }

    public string? Recorded { get; private set; }

    public async Task OnGetAsync()
    {
        var opened = await links.OpenLinkAsync(Secret, HttpContext.RequestAborted);
        View = opened.IsSuccess ? opened.Value : null;
        Refusal = opened.IsSuccess ? null : opened.Errors[0].Message;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Choice is null)
        {
            ModelState.AddModelError(nameof(Choice), "Choisissez votre vote : pour, contre ou abstention.");
            await OnGetAsync();
            return Page();
        }

        var voted = await links.VoteByLinkAsync(Secret, Choice.Value, HttpContext.RequestAborted);
        if (voted.IsFailure)
        {
            Refusal = voted.Errors[0].Message;
            return Page();
        }

        View = voted.Value;
        Recorded = $"Votre vote « {Copil.Domain.Committee.Minutes.ChoiceLabel(Choice.Value)} » est enregistré pour le siège {View.SeatLabel}. Ce lien ne servira plus.";
        return Page();
    }
}
