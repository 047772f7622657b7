using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.EditAgreement)]
public sealed class EditSeatModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid SeatId { get; set; }

    [BindProperty]
    public SeatForm Input { get; set; } = new();

    public string Reference { get; private set; } = "";

    public string PartyName { get; private set; } = "";

    public sealed class SeatForm
    {
        public string? Holder { get; set; }

        public string? Substitute { get; set; }

        public int VoteWeight { get; set; }

        public bool IsBoardMember { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var posted = Input;
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input = posted;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateSeatAsync(Id, Input.Version, SeatId, Input.Holder ?? "", Input.Substitute, Input.VoteWeight, Input.IsBoardMember);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Conflict && await reader.LoadAsync(Id) is { } current)
            {
                ModelState.Remove("Input.Version");
                Input.Version = current.Version;
            }

            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = "Le siège est modifié.";
        return Redirect($"/conventions/{Id}/composition");
    }

    private async Task<bool> LoadAsync()
    {
        var agreement = (await reader.LoadAsync(Id))!;
        var seat = agreement.Seats.FirstOrDefault(s => s.Id == SeatId);
        if (seat is null)
        {
            return false;
        }

        Reference = agreement.Reference;
        PartyName = agreement.PartyById(seat.PartyId)?.ShortName ?? "";
        Input = new SeatForm { Holder = seat.Holder, Substitute = seat.Substitute, VoteWeight = seat.VoteWeight, IsBoardMember = seat.IsBoardMember, Version = agreement.Version };
        return true;
    }
}
