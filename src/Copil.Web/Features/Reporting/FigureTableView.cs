namespace Copil.Web.Features.Reporting;

/// <summary>A figure table on a page: its chart if it has one, the table, and the links to export it.</summary>
public sealed record FigureTableView(FigureTable Table, string? ExportUrl, string IdPrefix = "t");
