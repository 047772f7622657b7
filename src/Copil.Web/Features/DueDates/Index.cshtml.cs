using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.DueDates;

/// <summary>The échéancier of an agreement: what is due, by when, by whom, what is overdue; each date with its article.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class IndexModel(Echeancier echeancier, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "miennes")]
    public bool MineOnly { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public List<DueItem> Items { get; private set; } = [];

    public DateOnly Today => echeancier.Today;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetIcsAsync(string? key)
    {
        await LoadAsync();
        var items = key is null ? Items : Items.Where(i => i.Key == key).ToList();
        if (items.Count == 0)
        {
            return NotFound();
        }

        var name = key is null ? $"echeancier-{Agreement.Reference.ToLowerInvariant()}.ics" : "echeance.ics";
        return File(ICalendar.Write(items, $"Échéancier {Agreement.Reference}", echeancier.Now, HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Notifications.MailOptions>>().Value.PublicUrl.TrimEnd('/')),
            "text/calendar; charset=utf-8", name);
    }

    public string OwnerName(DueItem item) => item.Owner.Describe(id => Agreement.PartyById(id)?.ShortName);

    public bool IsMine(DueItem item) => MyDueDates.IsFor(item, HttpContext.Grant().Memberships);

    private async Task LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id))!;
        var grant = HttpContext.Grant();
        var all = (await echeancier.ForAgreementAsync(Id)).Where(i => Copil.Domain.Access.ActionSheetAccess.SeesDueDate(i, [.. grant.Memberships], grant.IsAdministrator)).ToList();
        Items = MineOnly ? [.. all.Where(IsMine)] : all;
    }
}
