using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.JukiNet.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealedStores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_identity_records_individual_number",
                table: "identity_records");

            migrationBuilder.CreateTable(
                name: "message_replies",
                columns: table => new
                {
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_replies", x => new { x.peer, x.stream, x.sequence });
                });

            // The replies kept for resends leave the append-only log for a table of their own, where they are sealed
            // (PlaintextSealing, at the next start) and deleted after the reply window.
            migrationBuilder.Sql("INSERT OR IGNORE INTO message_replies (peer, stream, sequence, body, at) SELECT peer, stream, sequence, reply_body, at FROM message_log WHERE reply_body IS NOT NULL;");

            // SQLite drops the column in place (EF Core would rebuild the table and lose its append-only triggers).
            migrationBuilder.Sql("ALTER TABLE message_log DROP COLUMN reply_body;");

            migrationBuilder.RenameColumn(
                name: "individual_number",
                table: "identity_records",
                newName: "sealed_individual_number");

            migrationBuilder.RenameColumn(
                name: "individual_number",
                table: "identity_history",
                newName: "sealed_individual_number");

            migrationBuilder.AddColumn<string>(
                name: "individual_number_hash",
                table: "identity_records",
                type: "TEXT",
                nullable: true);


            migrationBuilder.CreateIndex(
                name: "ix_identity_records_individual_number_hash",
                table: "identity_records",
                column: "individual_number_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_at",
                table: "message_replies",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_replies");

            migrationBuilder.DropIndex(
                name: "ix_identity_records_individual_number_hash",
                table: "identity_records");

            migrationBuilder.DropColumn(
                name: "individual_number_hash",
                table: "identity_records");

            migrationBuilder.RenameColumn(
                name: "sealed_individual_number",
                table: "identity_records",
                newName: "individual_number");

            migrationBuilder.RenameColumn(
                name: "sealed_individual_number",
                table: "identity_history",
                newName: "individual_number");

            migrationBuilder.AddColumn<string>(
                name: "reply_body",
                table: "message_log",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_individual_number",
                table: "identity_records",
                column: "individual_number",
                unique: true);
        }
    }
}
