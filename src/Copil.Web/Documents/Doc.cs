namespace Copil.Web.Documents;

/// <summary>A block of an administrative document, rendered the same way to PDF and to DOCX.</summary>
public abstract record DocBlock;

public sealed record DocHeading(string Text) : DocBlock;

public sealed record DocParagraph(string Text, bool Muted = false) : DocBlock;

/// <summary>Label : value lines, as on a French administrative form.</summary>
public sealed record DocFields(IReadOnlyList<(string Label, string Value)> Items) : DocBlock;

/// <summary>A table; <paramref name="Widths"/> are relative column widths; columns from <paramref name="NumericFrom"/> are right-aligned.</summary>
public sealed record DocTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double> Widths, int NumericFrom = int.MaxValue) : DocBlock;

/// <summary>A whole document: a running header (the agreement), a title, blocks, and the footer every page carries (art. 11).</summary>
public sealed record Doc(string RunningHeader, string Title, string Subtitle, IReadOnlyList<DocBlock> Blocks, string Footer);
