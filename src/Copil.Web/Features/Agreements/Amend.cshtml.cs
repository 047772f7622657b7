using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.RecordAmendment)]
public sealed class AmendModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AmendmentForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public sealed class AmendmentForm
    {
        public DateOnly? SignedOn { get; set; }

        public string? Summary { get; set; }

        public DateOnly? NewEndDate { get; set; }

        public string? NewManagementFeeCap { get; set; }

        public int? NewNoticePeriodMonths { get; set; }

        public int? NewDocumentsLeadDays { get; set; }

        public int? NewMinutesReviewDays { get; set; }

        public int? CeilingYear { get; set; }

        public string? NewCeiling { get; set; }

        public List<Guid> SeatIds { get; set; } = [];

        public List<int?> SeatWeights { get; set; } = [];

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();

        Input.Version = Agreement.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();

        ModelState.RequireValue("Input.SignedOn", Input.SignedOn is not null, "Indiquez la date de signature de l'avenant.");

        int? cap = null;
        if (!string.IsNullOrWhiteSpace(Input.NewManagementFeeCap))
        {
            if (FrenchNumbers.TryParseBasisPoints(Input.NewManagementFeeCap, out var parsed))
            {
                cap = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.NewManagementFeeCap", "Saisissez un pourcentage entre 0 et 100, avec au plus deux décimales (par exemple 5,65).");
            }
        }

        long? ceiling = null;
        if (!string.IsNullOrWhiteSpace(Input.NewCeiling))
        {
            if (FrenchNumbers.TryParseCents(Input.NewCeiling, out var cents))
            {
                ceiling = cents;
            }
            else
            {
                ModelState.AddModelError("Input.NewCeiling", "Saisissez un montant en euros, positif, avec au plus deux décimales (par exemple 150 000).");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var weights = Input.SeatIds.Zip(Input.SeatWeights)
            .Where(p => p.Second is not null)
            .ToDictionary(p => p.First, p => p.Second!.Value);
        var request = new AmendmentRequest
        {
            SignedOn = Input.SignedOn!.Value,
            Summary = Input.Summary ?? "",
            NewEndDate = Input.NewEndDate,
            NewManagementFeeCapBasisPoints = cap,
            NewNoticePeriodMonths = Input.NewNoticePeriodMonths,
            NewDocumentsLeadDays = Input.NewDocumentsLeadDays,
            NewMinutesReviewDays = Input.NewMinutesReviewDays,
            CeilingYear = Input.CeilingYear,
            NewCeilingCents = ceiling,
            NewSeatWeights = weights,
        };
        var result = await commands.AmendAsync(Id, Input.Version, request);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Conflict)
            {
                ModelState.Remove("Input.Version");
                Input.Version = Agreement.Version;
            }

            ModelState.AddDomainErrors(result.Errors.Select(e => e with
            {
                Field = e.Field switch { "NewManagementFeeCap" => "NewManagementFeeCap", "NewSeatWeights" => null, _ => e.Field },
            }));
            return Page();
        }

        TempData["Success"] = $"L'avenant n° {result.Value.Number} est enregistré.";
        return Redirect($"/conventions/{Id}");
    }

    private async Task LoadAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
    }
}
