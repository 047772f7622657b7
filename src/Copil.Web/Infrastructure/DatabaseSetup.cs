using Copil.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Infrastructure;

/// <summary>Chooses the database from configuration: SQLite (embedded default) or PostgreSQL (<c>Database:Provider</c>).</summary>
public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    public static IServiceCollection AddCopilDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Copil");
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<QueryCounter>();
        services.AddSingleton<Features.Reporting.ReportingYearStamps>();

        if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? "Data Source=copil.db" : connectionString);
            if (sqlite.DataSource != ":memory:")
            {
                // A relative file lives in the data folder, wherever the process was started from.
                sqlite.DataSource = AppPaths.InData(configuration, environment, sqlite.DataSource);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
            sqlite.ForeignKeys = true;
            var sqliteConnection = sqlite.ToString();
            services.AddDbContext<CopilDbContext, SqliteCopilDbContext>((sp, options) =>
                Common(options).UseSqlite(sqliteConnection, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Reporting.ReportingYearStamps>(), sp.GetRequiredService<QueryCounter>()));
        }
        else if (string.Equals(provider, PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupRefusedException("Database:Provider vaut PostgreSQL mais ConnectionStrings:Copil est vide : indiquez la chaîne de connexion.");
            }

            services.AddDbContext<CopilDbContext, PostgresCopilDbContext>((sp, options) =>
                Common(options).UseNpgsql(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Features.Reporting.ReportingYearStamps>(), sp.GetRequiredService<QueryCounter>()));
        }
        else
        {
            throw new StartupRefusedException($"Database:Provider « {provider} » est inconnu : indiquez {Sqlite} ou {PostgreSql}.");
        }

        return services;
    }

    /// <summary>
    /// Counts that stop early (« 99+ » unread, « plus de 10 000 fiches ») limit rows they do not order, on purpose: EF
    /// Core's warning for an unordered limit is logged at debug level rather than on every page (ADR 18).
    /// </summary>
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)));

    /// <summary>
    /// On SQLite, one connection for the whole request. EF Core otherwise opens and closes the connection around each
    /// query, and each opening of a SQLite connection re-applies its settings (foreign keys) and registers EF Core's
    /// functions again: a profile of a 7-query API call put 15 % of its CPU there (ADR 18). PostgreSQL's pooled openings
    /// cost nothing comparable, and holding its connections through rendering would only narrow its pool.
    /// </summary>
    public static IApplicationBuilder UseOneSqliteConnectionPerRequest(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!string.Equals(configuration["Database:Provider"] ?? Sqlite, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            // Health answers on its own terms: liveness must not depend on the database opening.
            if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }

            var db = context.RequestServices.GetRequiredService<CopilDbContext>();
            await db.Database.OpenConnectionAsync(CancellationToken.None);
            try
            {
                await next(context);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>Where the data is, for the start-up log and the backup: the SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public static string Describe(CopilDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db.Database.IsSqlite()
            ? $"SQLite {new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource}"
            : $"PostgreSQL {connection.DataSource}/{connection.Database}";
    }

    /// <summary>Applies the provider's migrations; on SQLite, switches the file to WAL so that readers never wait for a writer.</summary>
    public static async Task MigrateAsync(CopilDbContext db, CancellationToken cancellationToken = default)
    {
        // A database migrated by a build this one does not know (a newer version, or a development database from before
        // the migrations were squashed, ADR 13) would fail half-way or be read wrongly: refuse before touching it.
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupRefusedException(
                $"la base de données a reçu des migrations que cette version ne connaît pas ({string.Join(", ", unknown)}) : elle vient d'une version plus récente ou d'une version de développement antérieure. Rien n'a été modifié ; démarrez la version qui l'a mise à jour, restaurez une sauvegarde faite par celle-ci ou, en développement, videz le dossier de données.");
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
