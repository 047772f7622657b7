using System.Globalization;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace Copil.Web;

/// <summary>Builds and starts the application: services, pipeline, database, demo data.</summary>
public static class CopilApp
{
    /// <param name="serving">False for the operator's commands: the services without the HTTP pipeline (and its start-up checks).</param>
    public static WebApplication Build(string[] args, bool serving = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppPaths.ContentRootFor(args) });
        ConfigureServices(builder);
        var app = builder.Build();
        if (serving)
        {
            ConfigurePipeline(app);
        }

        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddCopilDatabase(builder.Configuration, builder.Environment);

        services.AddIdentityCore<CopilUser>(options =>
            {
                // NIST SP 800-63B: length, no composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // No Identity lockout: the sign-in throttle (LoginThrottle) treats unknown and real addresses alike.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<CopilDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CopilClaimsPrincipalFactory>()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddDefaultTokenProviders()
            // After the defaults, so that it replaces Identity's own authenticator check (which accepts a code twice).
            .AddTokenProvider<ReplaySafeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // OWASP: PBKDF2-HMAC-SHA512 with at least 210,000 iterations.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);
        ProConnect.Add(services.AddAuthentication(), builder.Configuration, builder.Environment);
        var sessionLifetimes = builder.Configuration.GetSection("Security:Sessions").Get<SessionLifetimes>() ?? new SessionLifetimes();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/connexion";
            options.LogoutPath = "/deconnexion";
            options.AccessDeniedPath = "/acces-refuse";
            options.Cookie.Name = "copil.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            UserSessions.Attach(options, sessionLifetimes);
        });
        services.Configure<SessionLifetimes>(builder.Configuration.GetSection("Security:Sessions"));
        // Identity's store, with the authenticator keys encrypted and the recovery codes hashed.
        services.AddScoped<Microsoft.AspNetCore.Identity.IUserStore<CopilUser>, ProtectedUserStore>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<UserSessions>();
        services.Configure<LoginLimits>(builder.Configuration.GetSection("Security:Login"));
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ApiRateLimit>();
        // The security stamp check builds a fresh principal every 30 minutes: it keeps naming the same session.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(UserSessions.ClaimType) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
            }

            return Task.CompletedTask;
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "copil.antiforgery";
            o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // Keys in the database: every instance behind a load balancer reads the same keys, so sign-ins are shared.
        services.AddDataProtection().SetApplicationName("Copil").PersistKeysToDbContext<CopilDbContext>();

        // A year, subdomains included (ANSSI; the 30 days of the default are too short to protect a first visit).
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.ConfigureFilter(new AgreementPageAccessFilter());
            options.Conventions.ConfigureFilter(new UnknownHandlerFilter());
            options.Conventions.ConfigureFilter(new PageFormValuesFilter());
            options.Conventions.ConfigureFilter(new TwoFactorEnrolmentFilter());
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            // The second step of a sign-in: its own short-lived cookie says who gave the right password.
            options.Conventions.AllowAnonymousToPage("/Account/LoginCode");
            // A personal voting link is its own key: the seat holder votes without signing in (art. 14).
            options.Conventions.AllowAnonymousToPage("/Committee/VoteByLink");
            options.Conventions.AllowAnonymousToPage("/Shared/Error");
            options.Conventions.AllowAnonymousToPage("/Shared/StatusCode");
        }).AddMvcOptions(options => FrenchModelBinding.Configure(options.ModelBindingMessageProvider));

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            (problem.Title, problem.Detail) = problem.Status switch
            {
                400 when problem.Detail is null => ("Requête invalide", "La requête est mal formée : une valeur n'est pas valide (dates au format AAAA-MM-JJ, identifiants au format GUID, nombres entiers)."),
                401 when problem.Detail is null => ("Authentification requise", "Envoyez un jeton d'accès personnel valide dans l'en-tête Authorization: Bearer."),
                403 when problem.Detail is null => ("Accès refusé", "Votre rôle ne permet pas cette opération."),
                404 when problem.Detail is null => ("Introuvable", "Cette ressource n'existe pas ou vous n'y avez pas accès."),
                405 => ("Méthode non autorisée", "Cette ressource n'accepte pas cette méthode."),
                413 => ("Requête trop volumineuse", "La requête dépasse la taille autorisée (fichier de 10 Mo au plus) : rien n'a été enregistré."),
                415 => ("Format non pris en charge", "Envoyez du JSON (Content-Type: application/json)."),
                500 => ("Erreur interne", "Une erreur est survenue ; rien n'a été enregistré. Réessayez ; si l'erreur persiste, communiquez l'identifiant de trace au support."),
                _ => (problem.Title, problem.Detail),
            };
        });
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "API Copil";
            document.Info.Description = "Conventions-cadres de coopération : conventions, avenants, résiliations, comité de pilotage, habilitations, référentiels. Authentification par jeton d'accès personnel (en-tête Authorization: Bearer).";
            // Every operation of /api/v1 takes a personal access token, created from « Mon compte ».
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[PersonalAccessTokenHandler.SchemeName] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "copil_…",
                Description = "Jeton d'accès personnel, créé depuis « Mon compte » : en-tête Authorization: Bearer copil_….",
            };
            var requirement = new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(PersonalAccessTokenHandler.SchemeName, document)] = [] };
            foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/api/v1", StringComparison.Ordinal)))
            {
                foreach (var (method, operation) in item.Operations ?? [])
                {
                    operation.Security ??= [];
                    operation.Security.Add(requirement);
                    if (method == System.Net.Http.HttpMethod.Post)
                    {
                        operation.Parameters ??= [];
                        operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                        {
                            Name = IdempotencyMiddleware.Header,
                            In = Microsoft.OpenApi.ParameterLocation.Header,
                            Required = false,
                            Description = "Facultatif. Une valeur unique par demande (un UUID) : si la réponse se perd, renvoyer la même requête avec la même clé dans les 24 heures rend la première réponse (en-tête Idempotent-Replayed) sans rien créer de nouveau ; la même clé avec un autre corps est refusée (422), une requête encore en cours répond 409.",
                            Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 200 },
                        });
                    }
                }
            }

            return Task.CompletedTask;
        }));
        services.AddCopilHealth(builder.Configuration);
        AddTelemetry(services, builder.Configuration);

        // Behind a TLS-terminating reverse proxy, trust its X-Forwarded-* headers (loopback by default;
        // other proxies are listed in ForwardedHeaders:KnownProxies) so that secure cookies work.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        services.AddScoped<AgreementAccess>();
        services.AddScoped<AgreementReader>();
        services.AddSingleton<AgreementSnapshots>();
        services.AddScoped<AgreementCommands>();
        services.AddScoped<PersonalAccessTokenService>();
        services.AddScoped<MembershipCommands>();
        services.AddScoped<Features.ActionSheets.ActionSheetCommands>();
        services.AddScoped<Features.ActionSheets.ActionSheetNotices>();
        services.AddScoped<Features.ActionSheets.CommitteeDecisions>();
        services.AddScoped<Features.Committee.MeetingCommands>();
        services.AddScoped<Features.Reporting.ReportingQueries>();
        services.AddSingleton<Features.Reporting.DashboardCache>();
        services.AddScoped<Features.Reporting.YearCommitmentStamp>();
        services.AddScoped<Features.Reporting.ReportingCommands>();
        services.AddScoped<Features.Committee.MinutesCommands>();
        services.AddScoped<Features.Committee.CommitteeNotices>();
        services.AddScoped<Features.Committee.MeetingDocumentStore>();
        services.AddScoped<Features.Committee.ConsultationCommands>();
        services.AddScoped<Features.Committee.ConsultationInvitations>();
        services.AddScoped<Features.Committee.VoteLinks>();
        services.AddScoped<Features.Committee.ConsultationClosing>();
        services.AddScoped<Features.DueDates.IDueDateProvider, Features.Committee.CommitteeDueDateProvider>();
        services.AddScoped<Features.ActionSheets.ActionSheetQueries>();
        services.AddScoped<Features.ActionSheets.WorkQueue>();
        services.AddMemoryCache();
        services.AddScoped<Features.Home.MyWork>();
        services.AddScoped<Features.Home.SearchQueries>();
        services.AddScoped<Features.Attachments.FileStore>();
        services.AddScoped<Features.Attachments.AttachmentStore>();
        services.Configure<Features.Attachments.AntivirusOptions>(builder.Configuration.GetSection("Antivirus"));
        services.AddSingleton<Features.Attachments.VirusScanner>();
        services.AddSingleton<Features.Attachments.UploadCheck>();
        // Each feature contributes its own due dates to the échéancier.
        services.AddScoped<Features.DueDates.IDueDateProvider, Features.DueDates.AgreementDueDateProvider>();
        services.AddScoped<Features.DueDates.IDueDateProvider, Features.DueDates.ActionSheetDueDateProvider>();
        services.AddScoped<Features.DueDates.SheetDueWindow>();
        services.AddScoped<Features.DueDates.Echeancier>();
        services.Configure<Features.Notifications.MailOptions>(builder.Configuration.GetSection("Mail"));
        services.AddScoped<Features.Notifications.Outbox>();
        services.AddScoped<Features.Notifications.OutboxSender>();
        services.AddHostedService<Features.Notifications.OutboxWorker>();
        services.AddScoped<Features.Notifications.ReminderJob>();
        services.AddScoped<Features.Notifications.DigestJob>();
        services.AddScoped<Features.Notifications.Notifier>();
        services.AddScoped<Features.Notifications.NotificationQueries>();
        services.AddScoped<Features.Notifications.OutboxQueries>();
        services.AddScoped<Features.DueDates.CalendarFeed>();
        services.AddHostedService<Features.Notifications.ReminderWorker>();
        services.AddScoped<Features.Reference.CampusCommands>();
        services.AddScoped<Features.Communication.LogoCommands>();
        services.AddScoped<Features.Communication.SheetRefs>();
        services.AddScoped<Features.Reporting.AgreementRulesReport>();
        services.AddScoped<Features.Relays.ContactCommands>();
        services.AddScoped<Features.Relays.RelayCommands>();
        services.AddScoped<Features.Materials.MaterialCommands>();
        services.AddScoped<Features.DueDates.IDueDateProvider, Features.Materials.MaterialDueDates>();
        services.AddScoped<Features.DigitalTools.DigitalToolCommands>();
        services.AddScoped<Features.DueDates.IDueDateProvider, Features.Communication.ArticleElevenTwelveDueDates>();
        services.AddScoped<Features.Audit.AuditLog>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        services.AddBadInputHandling();
        // Pages in French: accented letters written as they are (2 bytes of UTF-8), not as entities (&#xE9;, 6 bytes).
        // Markup characters (<, >, &, quotes) are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Diagnostics:ServerTiming"))
        {
            QueryCounter.UseServerTiming(app);
        }

        app.UseForwardedHeaders();
        var french = new CultureInfo("fr-FR");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(french),
            SupportedCultures = [french],
            SupportedUICultures = [french],
        });

        // The API answers problem+json, always; the pages answer French HTML pages.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), web =>
        {
            if (!app.Environment.IsDevelopment())
            {
                web.UseExceptionHandler("/erreur");
            }

            web.UseStatusCodePagesWithReExecute("/statut/{0}");
        });
        app.UseBadInputHandling();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var publicUrl = app.Configuration["Mail:PublicUrl"];
        if (app.Environment.IsProduction() && SecurityHeaders.PublicUrlRefusal(publicUrl) is { } refusal)
        {
            // Absolute links built from a request's Host header could point a member anywhere: refuse to start instead.
            throw new StartupRefusedException(refusal);
        }

        if (app.Configuration.GetValue("Security:RedirectToHttps", app.Environment.IsProduction()) && publicUrl is not null)
        {
            app.UseHttpsOnly(publicUrl);
        }

        app.UseSecurityHeaders(app.Configuration["Authentication:ProConnect:Authority"]);
        app.UseStaticFiles();
        app.UseNoStore();
        app.UseRouting();
        app.UseOneSqliteConnectionPerRequest(app.Configuration);
        app.UseSaneValues();
        app.UseWhen(IsApi, api => api.Use((context, next) => context.RequestServices.GetRequiredService<ApiRateLimit>().InvokeAsync(context, () => next(context))));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(IsApi, api => api.UseMiddleware<IdempotencyMiddleware>());
        // Whoever changed something sees their « À traiter » count computed again on the next page (others within a minute).
        app.Use(async (context, next) =>
        {
            var changer = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                ? context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
            await next(context);
            if (changer is not null)
            {
                context.RequestServices.GetRequiredService<Features.Home.MyWork>().Forget(changer);
            }
        });

        app.MapCopilHealth();
        if (app.Configuration.GetValue<bool>("Telemetry:Prometheus"))
        {
            // Counts and durations only, no personal data; keep it behind the reverse proxy (docs/operations.md).
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference", options => options
            .WithTitle("API Copil")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapCopilApi();
        Features.DueDates.CalendarFeed.Map(app);
        ProConnect.Map(app, app.Configuration);
        app.MapRazorPages();
    }

    /// <summary>
    /// Metrics through OpenTelemetry: ASP.NET Core's requests and latency, Kestrel's connections, Copil's outbox; exported
    /// to Prometheus (<c>Telemetry:Prometheus</c>: <c>/metrics</c>) or to an OTLP collector (<c>Telemetry:Otlp:Endpoint</c>).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, ConfigurationManager configuration)
    {
        var prometheus = configuration.GetValue<bool>("Telemetry:Prometheus");
        var otlp = configuration["Telemetry:Otlp:Endpoint"];
        if (!prometheus && string.IsNullOrWhiteSpace(otlp))
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("copil"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", CopilMetrics.MeterName);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api/v1");

    /// <summary>Migrates the database and, when <c>Demo:Seed</c> is true, loads the demo data and lists the demo accounts.</summary>
    public static async Task InitialiseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        CopilMetrics.Register(app.Services);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Copil").LogInformation(
            "Copil {Version} : application dans {ContentRoot}, données dans {DataFolder}, base {Database}",
            typeof(CopilApp).Assembly.GetName().Version, app.Environment.ContentRootPath, AppPaths.DataFolder(app.Configuration, app.Environment), DatabaseSetup.Describe(db));
        await Features.Attachments.StoredFileImport.RunAsync(db, app.Configuration, app.Environment, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Copil.Files"));
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CopilUser>>();
            await DemoData.SeedAsync(db, users, app.Services.GetRequiredService<TimeProvider>().TodayInParis());
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Copil.Demo");
            var accounts = string.Join(" ; ", DemoData.Accounts.Select(a => $"{a.Email} ({a.Description})"));
            logger.LogInformation("Données de démonstration chargées. Comptes (mot de passe {Password}) : {Accounts}",
                DemoData.Password, accounts);
        }
    }
}
