using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.EditAgreement)]
public sealed class CompositionModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public PartyForm Party { get; set; } = new();

    [BindProperty]
    public SignatoryForm Signatory { get; set; } = new();

    [BindProperty]
    public SeatForm Seat { get; set; } = new();

    [BindProperty]
    public InviteeForm Invitee { get; set; } = new();

    [BindProperty]
    public AxisForm Axis { get; set; } = new();

    [BindProperty]
    public CastingVoteForm CastingVote { get; set; } = new();

    [BindProperty]
    public CeilingForm Ceiling { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public sealed class PartyForm
    {
        public PartyKind Kind { get; set; }

        public string? Name { get; set; }

        public string? ShortName { get; set; }

        public string? ReviewingDirectorate { get; set; }

        public string? ReviewingDirectorateName { get; set; }
    }

    public sealed class SignatoryForm
    {
        public Guid? PartyId { get; set; }

        public string? Name { get; set; }

        public string? Role { get; set; }
    }

    public sealed class SeatForm
    {
        public Guid? PartyId { get; set; }

        public string? Holder { get; set; }

        public string? Substitute { get; set; }

        public int VoteWeight { get; set; } = 1;

        public bool IsBoardMember { get; set; }
    }

    public sealed class InviteeForm
    {
        public string? Name { get; set; }

        public string? Organisation { get; set; }

        public string? Capacity { get; set; }
    }

    public sealed class AxisForm
    {
        public string? Title { get; set; }

        public string? Article { get; set; }
    }

    public sealed class CastingVoteForm
    {
        public Guid? SeatId { get; set; }
    }

    public sealed class CeilingForm
    {
        public int? Year { get; set; }

        public string? Amount { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await RenderAsync();
        CastingVote.SeatId = Agreement.CastingVoteSeatId;
        return result;
    }

    public Task<IActionResult> OnPostCastingVoteAsync() => SaveAsync("CastingVote", "La voix prépondérante est enregistrée.",
        () => commands.SetCastingVoteAsync(Id, Version, CastingVote.SeatId));

    public Task<IActionResult> OnPostCeilingAsync()
    {
        if (Ceiling.Year is null)
        {
            ModelState.AddModelError("Ceiling.Year", "Indiquez l'année du plafond.");
        }

        if (!Infrastructure.FrenchNumbers.TryParseCents(Ceiling.Amount, out var cents))
        {
            ModelState.AddModelError("Ceiling.Amount", "Saisissez un montant en euros, positif, avec au plus deux décimales (par exemple 250 000).");
        }

        return SaveAsync("Ceiling", "Le plafond annuel est enregistré.", () => commands.SetYearlyCeilingAsync(Id, Version, Ceiling.Year ?? 0, cents));
    }

    public Task<IActionResult> OnPostPartyAsync() => SaveAsync("Party", "La partie est ajoutée.",
        () => commands.AddPartyAsync(Id, Version, Party.Kind, Party.Name ?? "", Party.ShortName ?? "", Party.ReviewingDirectorate, Party.ReviewingDirectorateName));

    public Task<IActionResult> OnPostSignatoryAsync() => SaveAsync("Signatory", "Le signataire est ajouté.",
        () => commands.AddSignatoryAsync(Id, Version, Signatory.PartyId ?? Guid.Empty, Signatory.Name ?? "", Signatory.Role ?? ""));

    public Task<IActionResult> OnPostSeatAsync() => SaveAsync("Seat", "Le siège est ajouté.",
        () => commands.AddSeatAsync(Id, Version, Seat.PartyId ?? Guid.Empty, Seat.Holder ?? "", Seat.Substitute, Seat.VoteWeight, Seat.IsBoardMember));

    public Task<IActionResult> OnPostInviteeAsync() => SaveAsync("Invitee", "L'invité est ajouté.",
        () => commands.AddInviteeAsync(Id, Version, Invitee.Name ?? "", Invitee.Organisation ?? "", Invitee.Capacity ?? ""));

    public Task<IActionResult> OnPostAxisAsync() => SaveAsync("Axis", "L'axe est ajouté.",
        () => commands.AddAxisAsync(Id, Version, Axis.Title ?? "", Axis.Article ?? ""));

    private async Task<IActionResult> SaveAsync<T>(string prefix, string success, Func<Task<Result<T>>> save)
    {
        if (ModelState.IsValid)
        {
            var result = await save();
            if (result.IsSuccess)
            {
                TempData["Success"] = success;
                return Redirect($"/conventions/{Id}/composition");
            }

            ModelState.AddDomainErrors(result.Errors, prefix);
        }

        return await RenderAsync();
    }

    private async Task<IActionResult> RenderAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
        return Page();
    }
}
