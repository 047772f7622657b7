using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Copil.Web.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's model without a database or the app's start-up.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCopilDbContext>
{
    public SqliteCopilDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCopilDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCopilDbContext>
{
    public PostgresCopilDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCopilDbContext>().UseNpgsql("Host=localhost;Database=copil_design").Options);
}
