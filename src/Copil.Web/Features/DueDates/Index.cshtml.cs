using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Copil.Web.Features.DueDates;

/// <summary>
/// The échéancier of an agreement: what is overdue (grouped per thing), then what is to come, each paged so that the
/// page stays small whatever the agreement's size; the whole list as CSV or iCalendar, written as it goes.
/// </summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class IndexModel(Echeancier echeancier, SheetDueWindow sheetWindow, AgreementReader agreements, IOptions<MailOptions> mail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "miennes")]
    public bool MineOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "retard")]
    public int OverduePage { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "avenir")]
    public int UpcomingPage { get; set; } = 1;

    /// <summary>Beyond 2,000 pages of 50 (100,000 sheets overdue), the CSV export is the way to the end of the list.</summary>
    public const int MaxPage = 2_000;

    public Agreement Agreement { get; private set; } = null!;

    public DueWindow Window { get; private set; } = null!;

    public DateOnly Today => echeancier.Today;

    /// <summary>
    /// The page: the agreement's and the committee's due dates computed in memory (a few per year), the sheets' ones
    /// counted by the database with only the first of them read: as cheap with 100,000 sheets as with ten.
    /// </summary>
    public async Task OnGetAsync()
    {
        var items = await LoadAsync(withoutSheets: true);
        var grant = HttpContext.Grant();
        var filter = SheetDueFilter.For(Agreement, grant.Memberships, grant.IsAdministrator, MineOnly);
        // A page number typed in the address is kept within reason (no overflow, no negative LIMIT sent to the database).
        (OverduePage, UpcomingPage) = (Math.Clamp(OverduePage, 1, MaxPage), Math.Clamp(UpcomingPage, 1, MaxPage));
        var sheets = await sheetWindow.ReadAsync(Agreement, Today, filter,
            OverduePage * DueWindow.GroupsPerPage, UpcomingPage * DueWindow.ItemsPerPage, HttpContext.RequestAborted);
        Window = DueWindow.Of(items, Today, OverduePage, UpcomingPage, sheets);
    }

    public async Task<IActionResult> OnGetIcsAsync(string? key)
    {
        var items = await LoadAsync();
        var baseUrl = mail.Value.PublicUrl.TrimEnd('/');
        if (key is not null)
        {
            var one = items.Where(i => i.Key == key).ToList();
            return one.Count == 0 ? NotFound() : File(ICalendar.Write(one, $"Échéancier {Agreement.Reference}", echeancier.Now, baseUrl), "text/calendar; charset=utf-8", "echeance.ics");
        }

        Download("text/calendar; charset=utf-8", $"echeancier-{Agreement.Reference.ToLowerInvariant()}.ics");
        await ICalendar.WriteAsync(Response.Body, ICalendar.Events(items, baseUrl), $"Échéancier {Agreement.Reference}", echeancier.Now, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>The whole list, one line per due date, with its rule and article: what the page pages and groups.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var items = await LoadAsync();
        Download("text/csv; charset=utf-8", $"echeancier-{Agreement.Reference.ToLowerInvariant()}.csv");
        await Spreadsheets.WriteCsvAsync(Response.Body, ["Date", "Échéance", "Qui", "État", "Jours de retard", "Règle et article", "Adresse"],
            items.Select(i => (IReadOnlyList<object?>)[i.DueOn, i.Title, OwnerName(i), StateOf(i), i.DaysOverdueOn(Today), i.Source, mail.Value.PublicUrl.TrimEnd('/') + DueLinks.PathOf(i)]),
            HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public string OwnerName(DueItem item) => item.Owner.Describe(id => Agreement.PartyById(id)?.ShortName);

    /// <summary>Who a group of due dates waits for: each owner once.</summary>
    public string OwnerNames(DueGroup group) => string.Join(", ", group.Items.Select(OwnerName).Distinct());

    /// <summary>Once the agreement has ended, a date it missed is « non respectée », no longer « en retard » (nothing can be done about it).</summary>
    public bool HasEnded => Agreement.LastDayInForce < Today;

    public string LateWord => HasEnded ? "non respectée" : "en retard";

    public string LateWords => HasEnded ? "non respectées" : "en retard";

    /// <summary>One vocabulary with the home page and the committee page: « en retard » only while the agreement is in force.</summary>
    public string StateOf(DueItem item) => Copil.Domain.WorkQueues.DueStates.Label(item, Today, Agreement.LastDayInForce);

    public bool IsMine(DueItem item) => MyDueDates.IsFor(item, HttpContext.Grant().Memberships);

    /// <summary>This page's address with other page numbers, keeping the "mine only" choice.</summary>
    public string Link(int overduePage, int upcomingPage)
    {
        var query = new List<string>();
        if (MineOnly)
        {
            query.Add("miennes=true");
        }

        if (overduePage > 1)
        {
            query.Add($"retard={overduePage}");
        }

        if (upcomingPage > 1)
        {
            query.Add($"avenir={upcomingPage}");
        }

        return query.Count == 0 ? "?" : "?" + string.Join("&", query);
    }

    private void Download(string contentType, string fileName)
    {
        Response.ContentType = contentType;
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        Response.Headers.ContentDisposition = disposition.ToString();
    }

    private async Task<List<DueItem>> LoadAsync(bool withoutSheets = false)
    {
        // The agreement is read once: the échéancier works from the one the page shows.
        Agreement = (await agreements.LoadUntrackedAsync(Id, HttpContext.RequestAborted))!;
        var grant = HttpContext.Grant();
        var all = await echeancier.ForLoadedAsync([Agreement], DueScope.Everything, withoutSheets, HttpContext.RequestAborted);
        var seen = all.Where(i => ActionSheetAccess.SeesDueDate(i, [.. grant.Memberships], grant.IsAdministrator));
        return MineOnly ? [.. seen.Where(IsMine)] : [.. seen];
    }
}
