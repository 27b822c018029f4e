using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchHistoryByUserAndId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_search_history_user_id_at",
                table: "search_history");

            migrationBuilder.CreateIndex(
                name: "ix_search_history_user_id_id",
                table: "search_history",
                columns: new[] { "user_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_search_history_user_id_id",
                table: "search_history");

            migrationBuilder.CreateIndex(
                name: "ix_search_history_user_id_at",
                table: "search_history",
                columns: new[] { "user_id", "at" });
        }
    }
}
