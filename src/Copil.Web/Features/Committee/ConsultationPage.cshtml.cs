using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Committee;

/// <summary>A written consultation: its points, the named votes as they come, the results once closed; a seat holder votes here too.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class ConsultationPageModel(ConsultationCommands consultations, AgreementReader agreements, Reporting.ReportingQueries reporting) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ConsultationId { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    /// <summary>The ballots this person may read (all once closed; while open, the secretariat all, a member its own seats').</summary>
    public IReadOnlyList<Copil.Domain.Committee.ConsultationBallot> VisibleBallots =>
        Consultation.BallotsVisibleTo(HttpContext.Grant().Can(AgreementPermission.SteerActions), [.. MySeats.Select(s => s.Id)]);

    /// <summary>The seats the caller holds in this agreement's committee.</summary>
    public IReadOnlyList<CommitteeSeat> MySeats =>
        [.. Agreement.Seats.Where(s => HttpContext.Grant().Memberships.Any(m => m.Role == AgreementRole.CommitteeMember && m.SeatId == s.Id))];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <param name="itemId">The point voted on.</param>
    /// <param name="seatId">The caller's seat.</param>
    /// <param name="choice">Pour, contre or abstention.</param>
    public async Task<IActionResult> OnPostVoteAsync(Guid itemId, Guid seatId, VoteChoice? choice)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!HttpContext.Grant().Can(AgreementPermission.VoteForSeat) || MySeats.All(s => s.Id != seatId))
        {
            return StatusCode(403);
        }

        if (choice is null)
        {
            ModelState.AddModelError("", "Choisissez votre vote : pour, contre ou abstention.");
            return Page();
        }

        var voted = await consultations.VoteInAppAsync(Id, ConsultationId, itemId, seatId, choice.Value, Actor.Of(User).Name, HttpContext.RequestAborted);
        if (voted.IsFailure)
        {
            foreach (var error in voted.Errors)
            {
                ModelState.AddModelError("", error.Message);
            }

            await LoadAsync();
            return Page();
        }

        TempData["Success"] = "Votre vote est enregistré.";
        return Redirect(ConsultationCommands.ConsultationPath(Id, ConsultationId));
    }

    public Dictionary<Guid, Copil.Domain.Reporting.CeilingCheck> Ceilings { get; private set; } = [];

    private async Task<bool> LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        if (await consultations.LoadAsync(Id, ConsultationId, HttpContext.RequestAborted) is not { } consultation)
        {
            return false;
        }

        Consultation = consultation;
        Ceilings = await reporting.CeilingChecksAsync(Agreement, [.. consultation.Items.Where(i => i.ActionSheetId is not null && consultation.Results.All(r => r.ItemId != i.Id)).Select(i => i.ActionSheetId!.Value)], HttpContext.RequestAborted);
        return true;
    }
}
