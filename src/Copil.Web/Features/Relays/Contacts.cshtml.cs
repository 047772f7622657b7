using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Relays;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Relays;

/// <summary>The shared directory of art. 11, filtered by territory, with its exports and, for those who keep it, the add and erase forms.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class ContactsModel(ContactCommands commands, Agreements.AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Régions académiques, comma-separated (an action's page passes its own).</summary>
    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    public bool MayKeep { get; private set; }

    public int RetentionMonths => commands.RetentionMonths;

    public sealed class ContactForm
    {
        public ContactKind? Kind { get; set; }

        public Guid? PartyId { get; set; }

        public string? Name { get; set; }

        public string? Function { get; set; }

        public string? Service { get; set; }

        public string? Establishment { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? RegionCode { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>The person about to be erased, shown for confirmation (an erasure cannot be undone).</summary>
    public Contact? ToErase { get; private set; }

    public async Task<IActionResult> OnGetConfirmEraseAsync(Guid contactId)
    {
        await LoadAsync();
        ToErase = MayKeep ? Contacts.FirstOrDefault(c => c.Id == contactId) : null;
        return ToErase is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        await LoadAsync();
        return format == "vcf"
            ? File(ContactCommands.VCards(Agreement, Contacts), "text/vcard", "contacts.vcf")
            : File(ContactCommands.Csv(Agreement, Contacts), "text/csv", "contacts.csv");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.RequireValue("Input.Kind", Input.Kind is not null, "Choisissez : représentant régional d'un signataire, ou contact d'un établissement d'enseignement supérieur.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.AddAsync(Id, HttpContext.Grant(), Actor.Of(User),
            new ContactInput(Input.Kind!.Value, Input.PartyId, Input.Name, Input.Function, Input.Service, Input.Establishment, Input.Email, Input.Phone, Input.RegionCode));
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = result.Value.InformedOn is null
            ? $"{result.Value.Name} est inscrit(e) dans l'annuaire. Sans adresse électronique, pensez à l'informer vous-même de cette inscription (RGPD, art. 14)."
            : $"{result.Value.Name} est inscrit(e) dans l'annuaire et en est informé(e) par courriel (RGPD, art. 14).";
        return Redirect($"/conventions/{Id}/contacts");
    }

    public async Task<IActionResult> OnPostEraseAsync(Guid contactId)
    {
        var result = await commands.EraseAsync(Id, contactId, HttpContext.Grant());
        if (result.IsFailure)
        {
            return result.FailureKind == ErrorKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        TempData["Success"] = "La personne est effacée de l'annuaire, et du journal des modifications.";
        return Redirect($"/conventions/{Id}/contacts");
    }

    private async Task LoadAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
        Contacts = await commands.ListAsync(Id, Region);
        MayKeep = ContactCommands.MayKeepDirectory(HttpContext.Grant());
    }
}
