using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringSearchTermIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Name keys are very unevenly spread (佐藤 vs. rare names); a finer histogram lets the planner
            // start from the smaller side when a name prefix is combined with a birth date.
            migrationBuilder.Sql("ALTER TABLE resident_search_terms ALTER COLUMN key SET STATISTICS 1000;");

            migrationBuilder.DropIndex(
                name: "ix_resident_search_terms_kind_key",
                table: "resident_search_terms");

            migrationBuilder.CreateIndex(
                name: "ix_resident_search_terms_kind_key_atena_number",
                table: "resident_search_terms",
                columns: new[] { "kind", "key", "atena_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE resident_search_terms ALTER COLUMN key SET STATISTICS -1;");

            migrationBuilder.DropIndex(
                name: "ix_resident_search_terms_kind_key_atena_number",
                table: "resident_search_terms");

            migrationBuilder.CreateIndex(
                name: "ix_resident_search_terms_kind_key",
                table: "resident_search_terms",
                columns: new[] { "kind", "key" });
        }
    }
}
