using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringSearchTermIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
