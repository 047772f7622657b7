using System.Globalization;
using System.Security.Claims;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Home;

public sealed record SearchHit(string Title, string Detail, string Link);

/// <summary>What one search found, kind by kind; each list is cut at <see cref="SearchQueries.PerKind"/>.</summary>
public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Agreements, IReadOnlyList<SearchHit> Sheets, IReadOnlyList<SearchHit> Meetings, IReadOnlyList<SearchHit> People)
{
    /// <summary>The agreements the person may search in, for the « dans la convention » filter.</summary>
    public IReadOnlyList<(Guid Id, string Reference)> Scope { get; init; } = [];

    public int Count => Agreements.Count + Sheets.Count + Meetings.Count + People.Count;
}

/// <summary>
/// The header's search: agreements, action sheets (by number, title or carrier), meetings and people, only among what
/// the person may see — the same rules as the pages (a pure carrier finds its own sheets only, nobody finds a draft
/// that is not theirs, an invitee finds the meetings only). A fixed number of queries.
/// </summary>
public sealed class SearchQueries(CopilDbContext db, AgreementAccess access, Agreements.AgreementReader reader)
{
    public const int PerKind = 20;

    private static readonly CompareInfo French = CultureInfo.GetCultureInfo("fr-FR").CompareInfo;

    /// <summary>Case and accents ignored, as a person types (« metiers » finds « métiers »).</summary>
    public static bool Matches(string? text, string query) =>
        text is not null && French.IndexOf(text, query, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    /// <param name="within">One agreement to search in (the filter kept in the address), or all the person's.</param>
    public async Task<SearchResults> SearchAsync(ClaimsPrincipal user, string query, Guid? within, CancellationToken ct)
    {
        query = query.Trim();
        var isAdministrator = user.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var visible = await reader.LoadManyAsync(access.VisibleAgreementIds(user), ct);
        var agreements = within is { } only ? visible.Where(a => a.Id == only).ToList() : visible;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct);
        var roles = memberships.ToLookup(m => m.AgreementId);

        // Per agreement, what the person may read: a visible agreement without a membership of theirs is an administrator's or a national secretariat's declination.
        bool Can(Agreement a, AgreementPermission permission) => isAdministrator || !roles.Contains(a.Id) || AgreementPermissions.Allows(roles[a.Id].Select(m => m.Role), permission);
        var readable = agreements.Where(a => Can(a, AgreementPermission.View)).ToList();

        var agreementHits = readable.Where(a => Matches(a.Reference, query) || Matches(a.Title, query) || a.Parties.Any(p => Matches(p.Name, query) || Matches(p.ShortName, query)))
            .OrderBy(a => a.Reference, StringComparer.Ordinal).Take(PerKind)
            .Select(a => new SearchHit(a.Reference, a.Title, $"/conventions/{a.Id}")).ToList();

        var meetingAgreements = agreements.Where(a => Can(a, AgreementPermission.ViewMeetings)).ToDictionary(a => a.Id);
        var meetingIds = meetingAgreements.Keys.ToList();
        var meetings = meetingIds.Count == 0 ? [] : await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.AgreementId))
            .Select(m => new { m.Id, m.AgreementId, m.Kind, m.MeetsOn, m.Place, m.Status }).ToListAsync(ct);
        var meetingHits = meetings
            .Select(m => (m, Label: $"{Meeting.KindLabel(m.Kind)} du {Domain.Common.FrenchText.Date(m.MeetsOn)}"))
            .Where(x => Matches(x.Label, query) || Matches(x.m.Place, query) || Matches(x.m.MeetsOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), query))
            .OrderByDescending(x => x.m.MeetsOn).Take(PerKind)
            .Select(x => new SearchHit(x.Label, $"{meetingAgreements[x.m.AgreementId].Reference}{(x.m.Place is { } place ? $" · {place}" : "")}", $"/conventions/{x.m.AgreementId}/comite/{x.m.Id}")).ToList();

        var sheetHits = await SheetsAsync(readable, roles, isAdministrator, query, ct);

        // People: the committee's seat holders and substitutes, as the committee page shows them.
        var people = readable.SelectMany(a => a.Seats.SelectMany(s => new[] { (a, s, Name: s.Holder, Label: "titulaire"), (a, s, Name: s.Substitute ?? "", Label: "suppléant") }))
            .Where(x => x.Name.Length > 0 && Matches(x.Name, query))
            .Select(x => new SearchHit(x.Name, $"{x.Label} d'un siège du comité ({x.a.PartyById(x.s.PartyId)?.ShortName ?? "?"}) · {x.a.Reference}", $"/conventions/{x.a.Id}/comite"))
            .Take(PerKind).ToList();

        return new SearchResults(query, agreementHits, sheetHits, meetingHits, people)
        {
            Scope = [.. visible.OrderBy(a => a.Reference, StringComparer.Ordinal).Select(a => (a.Id, a.Reference))],
        };
    }

    private async Task<List<SearchHit>> SheetsAsync(List<Agreement> readable, ILookup<Guid, Membership> roles, bool isAdministrator, string query, CancellationToken ct)
    {
        var all = readable.Where(a => !roles.Contains(a.Id) || ActionSheetAccess.SeesAll(roles[a.Id], isAdministrator)).Select(a => a.Id).ToList();
        var submitted = readable.Where(a => roles.Contains(a.Id) && !ActionSheetAccess.SeesAll(roles[a.Id], isAdministrator) && ActionSheetAccess.SeesSubmitted(roles[a.Id], isAdministrator)).Select(a => a.Id).ToList();
        var carried = readable.Where(a => roles.Contains(a.Id)).SelectMany(a => ActionSheetAccess.CarriedOrganisations(roles[a.Id]).Select(o => (a.Id, Organisation: o))).ToList();
        var carriedAgreements = carried.Select(c => c.Id).Distinct().ToList();
        var organisations = carried.Select(c => c.Organisation).Distinct().ToList();
        if (all.Count + submitted.Count + carriedAgreements.Count == 0)
        {
            return [];
        }

        var sheets = db.ActionSheets.AsNoTracking().Where(s => all.Contains(s.AgreementId)
            || (submitted.Contains(s.AgreementId) && s.Status != ActionStatus.Draft)
            || (carriedAgreements.Contains(s.AgreementId) && organisations.Contains(s.CarrierOrganisation)));
        var number = int.TryParse(query.TrimStart('n', 'N', '°', ' '), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        // Titles compared here, not in SQL: accents and case are ignored the French way on both databases.
        var rows = await sheets.Select(s => new { s.Id, s.AgreementId, s.Number, s.Title, s.CarrierOrganisation, s.Status }).ToListAsync(ct);
        var found = rows.Where(s => s.Number == number || Matches(s.Title, query) || Matches(s.CarrierOrganisation, query))
            .OrderByDescending(s => s.Number == number).ThenByDescending(s => s.Number).ToList();
        var references = readable.ToDictionary(a => a.Id, a => a.Reference);
        // A carrier of several organisations in several agreements: kept to the pairs it really carries.
        return [.. found.Where(s => all.Contains(s.AgreementId) || (submitted.Contains(s.AgreementId) && s.Status != ActionStatus.Draft)
                || carried.Any(c => c.Id == s.AgreementId && string.Equals(c.Organisation, s.CarrierOrganisation, StringComparison.OrdinalIgnoreCase)))
            .Take(PerKind)
            .Select(s => new SearchHit($"Fiche n° {s.Number} « {s.Title} »", $"{references[s.AgreementId]} · {s.CarrierOrganisation} · {ActionLabels.Status(s.Status)}", $"/conventions/{s.AgreementId}/fiches/{s.Id}"))];
    }
}
