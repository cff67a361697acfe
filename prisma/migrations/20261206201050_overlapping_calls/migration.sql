-- AlterTable
ALTER TABLE "spans" ADD COLUMN     "duplicate_of" TEXT;
